from django.db import migrations

from access.accounts.roles import reseed


class Migration(migrations.Migration):
    """Grants for intake (partnerships) and agreements."""

    dependencies = [("accounts", "0003_reseed_roles")]
    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
