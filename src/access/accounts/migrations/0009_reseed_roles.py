from django.db import migrations

from access.accounts.roles import reseed


class Migration(migrations.Migration):
    """Agency case registers: liaisons keep their agency's, program managers any, oversight reads."""

    dependencies = [("accounts", "0008_user_address")]
    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
