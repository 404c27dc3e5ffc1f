from django.db import migrations

from access.accounts.roles import reseed


class Migration(migrations.Migration):
    """Grants for ICE's public 287(g) list (view; import for program managers and admins)."""

    dependencies = [("accounts", "0002_seed_roles")]
    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
