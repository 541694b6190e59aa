import polib

p = "/work/main/locale/ru/LC_MESSAGES/django.po"
po = polib.pofile(p)
for e in po:
    e.msgstr = e.msgstr.replace("ё", "е").replace("Ё", "Е")
    if e.msgstr_plural:
        e.msgstr_plural = {
            i: s.replace("ё", "е").replace("Ё", "Е") for i, s in e.msgstr_plural.items()
        }
po.save(p)
