from django.conf import settings
from django.db import migrations


def install(apps, schema_editor):
    if getattr(settings, "ACCESS_AUDIT_DB_TRIGGERS", True):
        from access.audit.triggers import install as install_triggers

        install_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
