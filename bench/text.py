"""Deterministic findings for the bench data set: ~3 KB of rich text mixing English, French,
Arabic and Chinese paragraphs. Only English sentences added on purpose carry the word
"financing", so a search for it matches exactly the findings that were given it."""

import random

SEARCH_WORD = "financing"
FINANCING_SHARE = 0.70  # share of findings that mention SEARCH_WORD


def _words(text: str) -> list[str]:
    return text.split()


EN_WORDS = _words("""
the State has adopted legislation criminalizing terrorist acts under its penal code which
defines offences by reference to intent and purpose and provides penalties of imprisonment
courts have jurisdiction over offences committed abroad by nationals and residents while the
prosecution service reported several cases in the period under review border control agency
customs authorities maintain a watch list checked against advance passenger information and
the financial intelligence unit receives suspicious transaction reports from banks and money
transfer operators mutual legal assistance requests are executed through the central
authority extradition treaties cover most neighbouring States and human rights safeguards
apply to detention and interrogation the Committee notes that the definition remains broad
and may capture legitimate protest or humanitarian activity the State is encouraged to
consider amendments and to provide statistics on investigations convictions and asset
freezing measures cooperation with regional organizations continues and training of police
officers judges and prosecutors is planned with support from international partners
""")
FR_WORDS = _words("""
l'État a adopté une loi qui incrimine les actes terroristes et prévoit des peines
d'emprisonnement les tribunaux sont compétents pour les infractions commises à l'étranger
la cellule de renseignement financier reçoit les déclarations de soupçon des banques et
les services de douane contrôlent les frontières terrestres et maritimes la coopération
judiciaire internationale repose sur une autorité centrale et les garanties relatives aux
droits de l'homme s'appliquent à la garde à vue le Comité recommande de préciser la
définition de l'infraction et de communiquer des statistiques sur les enquêtes
""")
AR_WORDS = _words("""
اعتمدت الدولة قانونا يجرم الأعمال الإرهابية وينص على عقوبات بالسجن وتختص المحاكم بالنظر
في الجرائم المرتكبة في الخارج وتتلقى وحدة الاستخبارات المالية تقارير المعاملات المشبوهة من
المصارف وتراقب سلطات الجمارك الحدود البرية والبحرية ويقوم التعاون القضائي الدولي على سلطة
مركزية وتطبق ضمانات حقوق الإنسان على الاحتجاز وتوصي اللجنة بتوضيح تعريف الجريمة وتقديم
إحصاءات عن التحقيقات والإدانات وتجميد الأصول
""")
ZH_PHRASES = _words("""
该国 已 通过 法律 将 恐怖主义 行为 定为 刑事 罪行 并 规定 监禁 刑罚 法院 对 在 国外 实施 的
罪行 拥有 管辖权 金融 情报 机构 接收 银行 提交 的 可疑 交易 报告 海关 当局 管控 陆地 和 海上
边界 国际 司法 合作 通过 中央 机关 进行 人权 保障 适用于 拘留 委员会 建议 明确 罪行 定义 并
提供 关于 调查 定罪 和 冻结 资产 的 统计 数据
""")
FINANCING_SENTENCES = [
    "The {word} of terrorism is criminalized as a stand-alone offence.",
    "Reports on the {word} of terrorism are analysed by the financial intelligence unit.",
    "The State has frozen assets linked to the {word} of foreign terrorist fighters.",
    "No prosecution for terrorist {word} has been reported since the last assessment.",
]
LANGUAGES = [("en", 0.55), ("fr", 0.2), ("ar", 0.15), ("zh", 0.1)]
TARGET_BYTES = 2700  # paragraphs overshoot it: findings average about 3 KB


def _sentence(rng: random.Random, language: str) -> str:
    if language == "zh":
        return "".join(rng.choice(ZH_PHRASES) for _ in range(rng.randint(12, 24))) + "。"
    words = {"en": EN_WORDS, "fr": FR_WORDS, "ar": AR_WORDS}[language]
    text = " ".join(rng.choice(words) for _ in range(rng.randint(12, 26)))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, *, financing: bool = False) -> str:
    """One paragraph in one language; with `financing`, an English one naming the word."""
    language = "en" if financing else _language(rng)
    sentences = [_sentence(rng, language) for _ in range(rng.randint(3, 5))]
    if financing:
        sentences.insert(rng.randrange(len(sentences) + 1), _financing_sentence(rng))
    return "<p>" + " ".join(sentences) + "</p>"


def _language(rng: random.Random) -> str:
    pick, total = rng.random(), 0.0
    for language, share in LANGUAGES:
        total += share
        if pick < total:
            return language
    return "en"


def _financing_sentence(rng: random.Random) -> str:
    return rng.choice(FINANCING_SENTENCES).format(word=SEARCH_WORD)


def mentions_financing(key: str) -> bool:
    """Whether the finding of this question (stable across revisions) names the word."""
    return random.Random(f"financing:{key}").random() < FINANCING_SHARE


def finding(rng: random.Random, *, financing: bool, target: int = TARGET_BYTES) -> str:
    """A new finding of about `target` bytes (UTF-8)."""
    target = int(target * rng.uniform(0.85, 1.15))
    parts = [paragraph(rng, financing=financing)]
    while sum(len(p.encode()) for p in parts) < target:
        parts.insert(rng.randrange(len(parts) + 1), paragraph(rng))
    return "".join(parts)


def revise(rng: random.Random, text: str, *, financing: bool) -> str:
    """The finding with one paragraph rewritten, as an expert revises it; about 3 KB again."""
    parts = [p + "</p>" for p in text.split("</p>") if p.strip()]
    # A finding carried from two merged questions is cut back to about one finding's size.
    while len(parts) > 1 and sum(len(p.encode()) for p in parts) > TARGET_BYTES * 1.4:
        parts.pop(rng.randrange(len(parts)))
    index = rng.randrange(len(parts))
    mentioned = any(SEARCH_WORD in p for i, p in enumerate(parts) if i != index)
    parts[index] = paragraph(rng, financing=financing and not mentioned)
    return "".join(parts)


def sources(rng: random.Random) -> str:
    year = rng.randint(2001, 2012)
    return rng.choice(
        [
            f"Report of the State to the Committee ({year}), S/{year}/{rng.randint(100, 999)}",
            f"Country visit report, {year}",
            f"Mutual evaluation report of the regional body, {year}",
            f"Reply of the State to the preliminary assessment, {year}",
        ]
    )


def note(rng: random.Random, state_name: str) -> str:
    """A cover note or letter: a few paragraphs, about 1.5 KB."""
    opening = f"<p>Preliminary Implementation Assessment of {state_name}.</p>"
    return opening + "".join(paragraph(rng) for _ in range(rng.randint(2, 3)))


def comment(rng: random.Random) -> str:
    return " ".join(rng.choice(EN_WORDS) for _ in range(rng.randint(8, 30))).capitalize() + "."


def recommendation(rng: random.Random) -> str:
    return _sentence(rng, "en")
