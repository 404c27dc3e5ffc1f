from django.db import migrations

from access.accounts.roles import reseed


class Migration(migrations.Migration):
    """Oversight records the weekly audit review."""

    dependencies = [("accounts", "0004_reseed_roles")]
    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
