from django.db import migrations

from access.accounts.roles import reseed


class Migration(migrations.Migration):
    """LESC inquiries: officers submit, analysts answer, supervisors decide, oversight reviews."""

    dependencies = [("accounts", "0006_reseed_roles")]
    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
