"""Seed the task-force grants (accounts/roles.py): program staff, ICE members, agencies, readers."""

from django.db import migrations

from access.accounts.roles import reseed


class Migration(migrations.Migration):
    dependencies = [
        ("taskforces", "0002_objectives_and_operations"),
        ("cap", "0003_queue_decisions"),
    ]

    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
