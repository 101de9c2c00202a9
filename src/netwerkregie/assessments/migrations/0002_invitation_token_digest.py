"""Store only a digest of each survey link's token; existing links keep working."""

import hashlib

from django.db import migrations, models


def hash_tokens(apps, schema_editor):
    Invitation = apps.get_model("assessments", "Invitation")
    invitations = list(Invitation.objects.only("pk", "token"))
    for invitation in invitations:
        invitation.token_digest = hashlib.sha256(invitation.token.encode()).hexdigest()
    Invitation.objects.bulk_update(invitations, ["token_digest"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [("assessments", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="invitation", name="token_digest",
            field=models.CharField(default="", editable=False, max_length=64), preserve_default=False),
        migrations.RunPython(hash_tokens, migrations.RunPython.noop),
        migrations.RemoveField(model_name="invitation", name="token"),
        migrations.AlterField(
            model_name="invitation", name="token_digest",
            field=models.CharField(editable=False, max_length=64, unique=True)),
    ]
