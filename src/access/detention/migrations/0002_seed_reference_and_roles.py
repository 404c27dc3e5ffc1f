from django.db import migrations

from access.accounts.roles import reseed
from access.detention.reference import seed


class Migration(migrations.Migration):
    """The I-247A form versions; the detainer grants (kept here, not in accounts, so the
    detention app owns its own seeding)."""

    dependencies = [
        ("detention", "0001_initial"),
        ("enforcement", "0002_seed_reference_and_roles"),
        ("accounts", "0010_reseed_roles"),
    ]
    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(reseed, migrations.RunPython.noop),
    ]
