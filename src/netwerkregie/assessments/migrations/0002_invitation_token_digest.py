"""Store only a digest of each survey link's token (existing links keep working), and of the
address a link was first e-mailed to."""

import hashlib

from django.db import migrations, models


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def hash_tokens(apps, schema_editor):
    """Existing links keep working; e-mailed invitations count as sent to the person's current address."""
    Invitation = apps.get_model("assessments", "Invitation")
    invitations = list(Invitation.objects.select_related("person"))
    for invitation in invitations:
        invitation.token_digest = _digest(invitation.token)
        if invitation.sent_at and invitation.person and invitation.person.email:
            invitation.email_digest = _digest(invitation.person.email.strip().casefold())
    Invitation.objects.bulk_update(invitations, ["token_digest", "email_digest"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [("assessments", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="invitation", name="email_digest",
            field=models.CharField(blank=True, editable=False, max_length=64)),
        migrations.AddField(
            model_name="invitation", name="token_digest",
            field=models.CharField(default="", editable=False, max_length=64), preserve_default=False),
        migrations.RunPython(hash_tokens, migrations.RunPython.noop),
        migrations.RemoveField(model_name="invitation", name="token"),
        migrations.AlterField(
            model_name="invitation", name="token_digest",
            field=models.CharField(editable=False, max_length=64, unique=True)),
    ]
