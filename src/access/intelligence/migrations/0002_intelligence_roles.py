"""Seed the intelligence grants (accounts/roles.py): task-force members, reviewers, oversight."""

from django.db import migrations

from access.accounts.roles import reseed


class Migration(migrations.Migration):
    dependencies = [
        ("intelligence", "0001_initial"),
        ("cap", "0002_cap_roles"),
    ]

    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
