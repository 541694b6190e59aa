from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name='Part',
            fields=[
                ('sha256', models.CharField(max_length=64, primary_key=True, serialize=False, verbose_name='SHA-256')),
                ('data', models.BinaryField(verbose_name='compressed JSON')),
                ('size', models.PositiveIntegerField(verbose_name='size (bytes, uncompressed)')),
            ],
            options={
                'verbose_name': 'stored part',
                'verbose_name_plural': 'stored parts',
            },
        ),
    ]
