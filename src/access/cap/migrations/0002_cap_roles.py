"""Seed the CAP grants (accounts/roles.py): CAP officers by team, supervisors, oversight."""

from django.db import migrations

from access.accounts.roles import reseed


class Migration(migrations.Migration):
    dependencies = [
        ("cap", "0001_initial"),
        ("complaints", "0002_opr_role"),
    ]

    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
