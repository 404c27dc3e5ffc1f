from django.db import migrations

from access.accounts.roles import reseed


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
