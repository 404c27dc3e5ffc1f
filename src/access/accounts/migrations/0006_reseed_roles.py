from django.db import migrations

from access.accounts.roles import reseed


class Migration(migrations.Migration):
    """Person records: LESC analysts, CAP officers, ICE supervisors and oversight may view."""

    dependencies = [("accounts", "0005_reseed_roles")]
    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
