from django.db import migrations

from access.accounts.roles import reseed
from access.enforcement.reference import seed


class Migration(migrations.Migration):
    """Offense categories and priority rules; the enforcement grants (kept here, not in
    accounts, so the enforcement app owns its own seeding)."""

    dependencies = [
        ("enforcement", "0001_initial"),
        ("officers", "0002_seed_reference_and_roles"),
        ("accounts", "0010_reseed_roles"),
    ]
    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(reseed, migrations.RunPython.noop),
    ]
