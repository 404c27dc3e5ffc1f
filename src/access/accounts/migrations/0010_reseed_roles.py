from django.db import migrations

from access.accounts.roles import reseed


class Migration(migrations.Migration):
    """Nlets outbox: analysts and supervisors see it and resend failed messages; oversight reads."""

    dependencies = [("accounts", "0009_reseed_roles")]
    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
