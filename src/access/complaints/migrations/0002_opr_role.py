"""Seed the OPR investigator role and the complaint grants (accounts/roles.py)."""

from django.db import migrations

from access.accounts.roles import reseed


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0001_complaint"),
        ("accounts", "0010_reseed_roles"),
    ]

    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
