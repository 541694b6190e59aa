"""Versions store parts (ctc.revisions): a manifest and a checkpoint flag beside the old
whole-content column, which 0008 empties into parts and then drops."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0006_sentsnapshot_notified_at'),
        ('revisions', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='assessmentversion',
            name='manifest',
            field=models.JSONField(default=list, verbose_name='parts stored'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='assessmentversion',
            name='checkpoint',
            field=models.BooleanField(default=False, help_text='The version lists every part.', verbose_name='checkpoint'),
        ),
        migrations.AlterField(
            model_name='assessmentversion',
            name='content',
            field=models.JSONField(null=True, verbose_name='content'),
        ),
    ]
