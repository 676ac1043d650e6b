"""Name material for the practice world: Estonian and Russian-Estonian rosters, school names.

Real Estonian rosters are the reason duplicate detection is hard: letters õ ä ö ü š ž that
people drop when they type, Russian names that have one spelling in the population register
(Estonian transliteration: Jevgeni, Vassiljeva) and another in an account someone made
themselves (English style: Evgeny, Vasilyeva), double given names and double surnames.
Lists are plain strings split on whitespace so that the data stays dense and easy to extend.
"""

from __future__ import annotations

from functools import lru_cache

ESTONIAN_MALE = """
Tõnis Jüri Märt Mart Martin Markus Rasmus Robin Oliver Hugo Sebastian Karl Kristjan Kaspar
Joonas Mattias Henri Romet Sander Siim Taavi Tanel Toomas Andres Priit Peeter Jaan Hans
Mihkel Rein Aivar Urmas Lauri Kevin Kristofer Georg Artur Oskar Eerik Kaur Kauri Gert Rainer
Ragnar Risto Tõnu Ülo Aare Indrek Margus Meelis Ott Raul Tarmo Villem Gregor Kert Hendrik
Robert Patrik Elias Aleks Erik Jürgen Kaarel Mikk Rene Jaagup Tõivo Ülari Härmo Sten
Karl-Erik Hans-Christian Jaan-Erik Karl_Erik Mark_Robin Kristjan_Georg
"""

ESTONIAN_FEMALE = """
Õie Ülle Šarlotte Mari Maria Liis Laura Sofia Eliise Mia Emma Lisandra Hanna Elisabeth
Sandra Kätlin Kärt Kertu Mirjam Grete Getter Triin Tiina Kristiina Katrin Kadri Piret Pille
Merle Maie Tiiu Ene Helve Siiri Marje Anu Kai Karmen Keiti Liisa Anneli Helen Maarja Õnnela
Küllike Epp Elo Eha Sirje Reet Malle Ruth Stella Mirtel Mirell Loore Saskia Amalie Aurelia
Marta Emily Lenna Nora Johanna Kristel Ketlin Mailis Jaana Triinu Tuuli Vilja Tähti Külli
Mari-Liis Anna-Liisa Hele-Mai Maarja-Liis Kati-Riin Liisa_Marie Anna_Maria
"""

ESTONIAN_SURNAMES = """
Tamm Saar Sepp Mägi Kask Kukk Rebane Ilves Pärn Koppel Luik Lepik Kõiv Kuusk Karu Ots Põder
Vaher Lill Pärtel Kallas Raudsepp Mänd Sööt Jõgi Põld Õunapuu Üleoja Järv Jürgenson Laur Valk
Hunt Teder Org Kivi Kalda Mets Lõhmus Liiv Tõnisson Kütt Saks Paju Sild Roos Peterson Kangur
Männik Toom Tomson Parts Kull Aavik Aas Murumets Nõmm Vares Kruus Laan Arro Kärner Raud Vällik
Kirs Ader Soosaar Käär Pikk Mölder Kalju Rätsep Leppik Nurk Kaasik Tõugu Küttim Sõrmus Jänes
Sulg Õun Ääremaa Väli Hõbemägi Kõrv Mäeots Põllu Põldma Sirel Kübar Lääne
"""

# (Estonian transliteration, English-style transliteration, Cyrillic)
RUSSIAN_MALE = [
    ("Aleksandr", "Alexander", "Александр"), ("Jevgeni", "Evgeny", "Евгений"),
    ("Dmitri", "Dmitry", "Дмитрий"), ("Sergei", "Sergey", "Сергей"),
    ("Andrei", "Andrey", "Андрей"), ("Aleksei", "Alexey", "Алексей"),
    ("Maksim", "Maxim", "Максим"), ("Nikita", "Nikita", "Никита"),
    ("Artjom", "Artem", "Артём"), ("Jegor", "Egor", "Егор"), ("Ilja", "Ilya", "Илья"),
    ("Kirill", "Kirill", "Кирилл"), ("Daniil", "Daniil", "Даниил"),
    ("Mihhail", "Mikhail", "Михаил"), ("Ivan", "Ivan", "Иван"),
    ("Vladislav", "Vladislav", "Владислав"), ("Roman", "Roman", "Роман"),
    ("Nikolai", "Nikolay", "Николай"), ("Juri", "Yury", "Юрий"), ("Vadim", "Vadim", "Вадим"),
    ("Pavel", "Pavel", "Павел"), ("Anton", "Anton", "Антон"), ("Denis", "Denis", "Денис"),
    ("Timofei", "Timofey", "Тимофей"), ("Matvei", "Matvey", "Матвей"),
    ("Jaroslav", "Yaroslav", "Ярослав"), ("Vjatšeslav", "Vyacheslav", "Вячеслав"),
    ("Vladimir", "Vladimir", "Владимир"), ("Oleg", "Oleg", "Олег"), ("Igor", "Igor", "Игорь"),
    ("Konstantin", "Konstantin", "Константин"), ("Gleb", "Gleb", "Глеб"),
    ("Fjodor", "Fedor", "Фёдор"), ("Bogdan", "Bogdan", "Богдан"),
]

RUSSIAN_FEMALE = [
    ("Jelena", "Elena", "Елена"), ("Tatjana", "Tatiana", "Татьяна"),
    ("Natalja", "Natalia", "Наталья"), ("Julia", "Yulia", "Юлия"),
    ("Ksenia", "Kseniya", "Ксения"), ("Darja", "Daria", "Дарья"),
    ("Anastassia", "Anastasia", "Анастасия"), ("Viktoria", "Viktoriya", "Виктория"),
    ("Jekaterina", "Ekaterina", "Екатерина"), ("Olga", "Olga", "Ольга"),
    ("Svetlana", "Svetlana", "Светлана"), ("Irina", "Irina", "Ирина"),
    ("Marina", "Marina", "Марина"), ("Anna", "Anna", "Анна"), ("Maria", "Mariya", "Мария"),
    ("Sofia", "Sofiya", "София"), ("Polina", "Polina", "Полина"), ("Alina", "Alina", "Алина"),
    ("Jana", "Yana", "Яна"), ("Valeria", "Valeriya", "Валерия"),
    ("Veronika", "Veronika", "Вероника"), ("Jelizaveta", "Elizaveta", "Елизавета"),
    ("Vassilissa", "Vasilisa", "Василиса"), ("Ljudmila", "Lyudmila", "Людмила"),
    ("Žanna", "Zhanna", "Жанна"), ("Nadežda", "Nadezhda", "Надежда"),
    ("Uljana", "Ulyana", "Ульяна"), ("Milana", "Milana", "Милана"),
    ("Arina", "Arina", "Арина"), ("Alisa", "Alisa", "Алиса"),
]

# Male forms; the female form adds "a" in every transliteration (Kuznetsov → Kuznetsova).
RUSSIAN_SURNAMES = [
    ("Ivanov", "Ivanov", "Иванов"), ("Smirnov", "Smirnov", "Смирнов"),
    ("Kuznetsov", "Kuznetsov", "Кузнецов"), ("Vassiljev", "Vasilyev", "Васильев"),
    ("Petrov", "Petrov", "Петров"), ("Sokolov", "Sokolov", "Соколов"),
    ("Popov", "Popov", "Попов"), ("Lebedev", "Lebedev", "Лебедев"),
    ("Kozlov", "Kozlov", "Козлов"), ("Novikov", "Novikov", "Новиков"),
    ("Morozov", "Morozov", "Морозов"), ("Volkov", "Volkov", "Волков"),
    ("Solovjov", "Solovyov", "Соловьёв"), ("Jakovlev", "Yakovlev", "Яковлев"),
    ("Zaitsev", "Zaytsev", "Зайцев"), ("Semjonov", "Semenov", "Семёнов"),
    ("Vorobjov", "Vorobyov", "Воробьёв"), ("Fjodorov", "Fedorov", "Фёдоров"),
    ("Mihhailov", "Mikhailov", "Михайлов"), ("Beljajev", "Belyaev", "Беляев"),
    ("Tarassov", "Tarasov", "Тарасов"), ("Kisseljov", "Kiselev", "Киселёв"),
    ("Andrejev", "Andreev", "Андреев"), ("Kovaljov", "Kovalev", "Ковалёв"),
    ("Gussev", "Gusev", "Гусев"), ("Kudrjavtsev", "Kudryavtsev", "Кудрявцев"),
    ("Aleksejev", "Alekseev", "Алексеев"), ("Sergejev", "Sergeev", "Сергеев"),
    ("Zahharov", "Zakharov", "Захаров"), ("Borissov", "Borisov", "Борисов"),
    ("Koroljov", "Korolev", "Королёв"), ("Grigorjev", "Grigoriev", "Григорьев"),
    ("Jeršov", "Ershov", "Ершов"), ("Poljakov", "Polyakov", "Поляков"),
    ("Žukov", "Zhukov", "Жуков"), ("Krõlov", "Krylov", "Крылов"),
    ("Ossipov", "Osipov", "Осипов"), ("Jegorov", "Egorov", "Егоров"),
    ("Tihhonov", "Tikhonov", "Тихонов"), ("Tšernõšov", "Chernyshov", "Чернышов"),
    ("Davõdov", "Davydov", "Давыдов"), ("Štšerbakov", "Shcherbakov", "Щербаков"),
    ("Nikitin", "Nikitin", "Никитин"), ("Sorokin", "Sorokin", "Сорокин"),
    ("Orlov", "Orlov", "Орлов"), ("Makarov", "Makarov", "Макаров"),
    ("Denissov", "Denisov", "Денисов"), ("Gerassimov", "Gerasimov", "Герасимов"),
]

# Given name → what the owner may have typed instead when making an account years ago.
NICKNAMES = {
    "Kristjan": ["Kris", "Kriku"], "Kristofer": ["Kris", "Kristo"], "Markus": ["Marx"],
    "Mihkel": ["Miku"], "Sebastian": ["Seba"], "Oliver": ["Olli"], "Elisabeth": ["Eliis"],
    "Johanna": ["Jo"], "Kristiina": ["Kristi", "Tiina"], "Katrin": ["Kati"],
    "Aleksandr": ["Sasha", "Saša"], "Jevgeni": ["Zhenja", "Ženja"], "Dmitri": ["Dima"],
    "Sergei": ["Serjoža"], "Tatjana": ["Tanja"], "Jelena": ["Lena"], "Natalja": ["Nataša"],
    "Anastassia": ["Nastja", "Nastya"], "Jekaterina": ["Katja", "Katya"], "Maksim": ["Maks"],
    "Mihhail": ["Miša"], "Aleksei": ["Ljoša"], "Jelizaveta": ["Liza"], "Ksenia": ["Ksjusha"],
}

SCHOOL_PLACES = """
Tallinna_Kesklinna Tallinna_Kristiine Tallinna_Lasnamäe Tallinna_Mustamäe Tallinna_Nõmme
Tallinna_Pirita Tallinna_Õismäe Tartu_Annelinna Tartu_Karlova Tartu_Tammelinna Pärnu_Ülejõe
Narva_Kreenholmi Narva_Soldino Kohtla-Järve_Ahtme Viljandi_Jakobsoni Rakvere_Vabaduse
Haapsalu_Wiedemanni Kuressaare_Vanalinna Võru_Kesklinna Valga_Priimetsa Jõhvi Põlva Paide
Rapla Keila Saue Türi Otepää Elva Kärdla Räpina Jõgeva Tapa Sillamäe Maardu Kehra Kose
Kiili Loo Jüri Peetri Viimsi Randvere Haabneeme Kuusalu Kolga Kadrina Tamsalu Väike-Maarja
Kilingi-Nõmme Tõstamaa Sindi Audru Lihula Märjamaa Kohila Alu Järvakandi Kiviõli Püssi Iisaku
Mustvee Kallaste Alatskivi Kambja Nõo Rõngu Tõrva Antsla Kanepi Mooste Misso Vastseliina
"""

# (full word, Opiq's shortened spelling): the same school is often spelled differently.
SCHOOL_KINDS = [
    ("Põhikool", "Pk"), ("Gümnaasium", "G"), ("Kool", "Kool"), ("Põhikool", "PK"),
    ("Gümnaasium", "Gümn."), ("Keskkool", "KK"),
]

SUBJECTS_PRIMARY = ["eesti keel", "matemaatika", "loodusõpetus", "inglise keel", "kunst"]
SUBJECTS_BASIC = ["eesti keel", "kirjandus", "matemaatika", "inglise keel", "vene keel",
                  "bioloogia", "füüsika", "keemia", "geograafia", "ajalugu", "ühiskonnaõpetus"]
SUBJECTS_UPPER = ["eesti keel", "kirjandus", "matemaatika", "inglise keel", "füüsika",
                  "keemia", "ajalugu", "bioloogia", "saksa keel"]

EMAIL_DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "hot.ee", "mail.ee", "hotmail.com",
                 "outlook.com", "icloud.com", "online.ee"]
RUSSIAN_EMAIL_DOMAINS = ["mail.ru", "gmail.com", "gmail.com", "yandex.ru", "inbox.lv"]


def _words(text: str) -> list[str]:
    """Split a name list; "_" stands for a space inside one name (Karl Erik)."""
    return [w.replace("_", " ") for w in text.split()]


MALE = _words(ESTONIAN_MALE)
FEMALE = _words(ESTONIAN_FEMALE)
SURNAMES = _words(ESTONIAN_SURNAMES)
PLACES = _words(SCHOOL_PLACES)

# Folding the way people without an Estonian keyboard type, and the way addresses are made.
_FOLD = str.maketrans({"õ": "o", "ä": "a", "ö": "o", "ü": "u", "š": "s", "ž": "z",
                       "Õ": "O", "Ä": "A", "Ö": "O", "Ü": "U", "Š": "S", "Ž": "Z"})


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Estonian letters to plain ASCII: Tõnis → Tonis, Šarlotte → Sarlotte."""
    return text.translate(_FOLD)


@lru_cache(maxsize=4096)
def email_local(text: str) -> str:
    """A name as it appears in an e-mail address: folded, lower case, no spaces or hyphens."""
    return "".join(ch for ch in fold(text).lower() if ch.isalnum() and ch.isascii())
