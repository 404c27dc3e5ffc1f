from django.db import migrations

from access.accounts.roles import reseed
from access.officers.reference import seed


class Migration(migrations.Migration):
    """Each model's functions and courses; the officer grants and the field office director
    role (kept here, not in accounts, so the officers app owns its own seeding)."""

    dependencies = [
        ("officers", "0001_initial"),
        ("partnerships", "0002_seed_partnership_types"),
        ("accounts", "0010_reseed_roles"),
    ]
    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(reseed, migrations.RunPython.noop),
    ]
