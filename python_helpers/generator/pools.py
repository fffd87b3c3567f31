"""Static reference data the generator draws from: places, names, products, campaigns.

Everything here is a plain tuple or dict literal so iteration order is fixed.
"""

from __future__ import annotations

# country -> (currency, phone country code, vat rate)
COUNTRIES: dict[str, tuple[str, str, float]] = {
    "DE": ("EUR", "49", 0.19),
    "FR": ("EUR", "33", 0.20),
    "GB": ("GBP", "44", 0.20),
    "US": ("USD", "1", 0.07),
    "SE": ("SEK", "46", 0.25),
    "NL": ("EUR", "31", 0.21),
    "ES": ("EUR", "34", 0.21),
    "IT": ("EUR", "39", 0.22),
}
COUNTRY_CODES: tuple[str, ...] = tuple(COUNTRIES)
COUNTRY_WEIGHTS: tuple[float, ...] = (0.22, 0.12, 0.16, 0.20, 0.07, 0.08, 0.08, 0.07)

# (country, city, region, is_urban, postal prefix)
CITIES: tuple[tuple[str, str, str, bool, str], ...] = (
    ("DE", "Berlin", "Berlin", True, "10"),
    ("DE", "Hamburg", "Hamburg", True, "20"),
    ("DE", "München", "Bayern", True, "80"),
    ("DE", "Köln", "Nordrhein-Westfalen", True, "50"),
    ("DE", "Freiburg im Breisgau", "Baden-Württemberg", False, "79"),
    ("DE", "Heidelberg", "Baden-Württemberg", False, "69"),
    ("DE", "Münster", "Nordrhein-Westfalen", False, "48"),
    ("FR", "Paris", "Île-de-France", True, "75"),
    ("FR", "Lyon", "Auvergne-Rhône-Alpes", True, "69"),
    ("FR", "Marseille", "Provence-Alpes-Côte d'Azur", True, "13"),
    ("FR", "Annecy", "Auvergne-Rhône-Alpes", False, "74"),
    ("FR", "Tours", "Centre-Val de Loire", False, "37"),
    ("GB", "London", "England", True, "SW"),
    ("GB", "Manchester", "England", True, "M"),
    ("GB", "Birmingham", "England", True, "B"),
    ("GB", "York", "England", False, "YO"),
    ("GB", "Bath", "England", False, "BA"),
    ("GB", "Edinburgh", "Scotland", True, "EH"),
    ("US", "New York", "NY", True, "100"),
    ("US", "Los Angeles", "CA", True, "900"),
    ("US", "Chicago", "IL", True, "606"),
    ("US", "San Francisco", "CA", True, "941"),
    ("US", "Boise", "ID", False, "837"),
    ("US", "Burlington", "VT", False, "054"),
    ("US", "Madison", "WI", False, "537"),
    ("SE", "Stockholm", "Stockholm", True, "11"),
    ("SE", "Göteborg", "Västra Götaland", True, "41"),
    ("SE", "Malmö", "Skåne", True, "21"),
    ("SE", "Uppsala", "Uppsala", False, "75"),
    ("SE", "Umeå", "Västerbotten", False, "90"),
    ("NL", "Amsterdam", "Noord-Holland", True, "10"),
    ("NL", "Rotterdam", "Zuid-Holland", True, "30"),
    ("NL", "Utrecht", "Utrecht", False, "35"),
    ("NL", "Groningen", "Groningen", False, "97"),
    ("ES", "Madrid", "Comunidad de Madrid", True, "28"),
    ("ES", "Barcelona", "Cataluña", True, "08"),
    ("ES", "Valencia", "Comunidad Valenciana", True, "46"),
    ("ES", "Granada", "Andalucía", False, "18"),
    ("IT", "Roma", "Lazio", True, "00"),
    ("IT", "Milano", "Lombardia", True, "20"),
    ("IT", "Napoli", "Campania", True, "80"),
    ("IT", "Bologna", "Emilia-Romagna", False, "40"),
    ("IT", "Verona", "Veneto", False, "37"),
)

STREETS: dict[str, tuple[str, ...]] = {
    "DE": ("Hauptstraße", "Schillerstraße", "Gartenweg", "Bahnhofstraße", "Lindenallee"),
    "FR": ("rue de la Paix", "avenue Victor Hugo", "rue des Lilas", "boulevard Voltaire"),
    "GB": ("High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane"),
    "US": ("Main Street", "Oak Avenue", "Maple Drive", "2nd Street", "Park Place"),
    "SE": ("Storgatan", "Drottninggatan", "Kungsgatan", "Skolvägen"),
    "NL": ("Kerkstraat", "Dorpsstraat", "Molenweg", "Prinsengracht"),
    "ES": ("Calle Mayor", "Gran Vía", "Calle del Sol", "Avenida de la Paz"),
    "IT": ("Via Roma", "Via Garibaldi", "Corso Italia", "Via Dante"),
}

# first names per country: (name, gender) with gender "female" | "male"
FIRST_NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "DE": (("Anna", "female"), ("Lena", "female"), ("Katharina", "female"), ("Jürgen", "male"),
           ("Johannes", "male"), ("Lukas", "male"), ("Michael", "male"), ("Sophie", "female"),
           ("Thomas", "male"), ("Elisabeth", "female"), ("Maximilian", "male"), ("Zoë", "female")),
    "FR": (("Chloé", "female"), ("Léa", "female"), ("François", "male"), ("Hélène", "female"),
           ("Nicolas", "male"), ("Théo", "male"), ("Renée", "female"), ("Julien", "male"),
           ("Margaux", "female"), ("Jérôme", "male")),
    "GB": (("William", "male"), ("Katherine", "female"), ("Elizabeth", "female"), ("Robert", "male"),
           ("Oliver", "male"), ("Amelia", "female"), ("Margaret", "female"), ("Christopher", "male"),
           ("Rebecca", "female"), ("Samuel", "male")),
    "US": (("Robert", "male"), ("Jennifer", "female"), ("Michael", "male"), ("Katherine", "female"),
           ("William", "male"), ("Daniel", "male"), ("Emily", "female"), ("Christopher", "male"),
           ("Victoria", "female"), ("Nicholas", "male"), ("José", "male"), ("Ashley", "female")),
    "SE": (("Björn", "male"), ("Åsa", "female"), ("Erik", "male"), ("Linnéa", "female"),
           ("Astrid", "female"), ("Oskar", "male"), ("Maja", "female"), ("Lars", "male")),
    "NL": (("Daan", "male"), ("Sanne", "female"), ("Johannes", "male"), ("Fleur", "female"),
           ("Thijs", "male"), ("Eva", "female"), ("Willem", "male"), ("Noor", "female")),
    "ES": (("José", "male"), ("María", "female"), ("Alejandro", "male"), ("Lucía", "female"),
           ("Francisco", "male"), ("Inés", "female"), ("Álvaro", "male"), ("Carmen", "female")),
    "IT": (("Giuseppe", "male"), ("Francesca", "female"), ("Luca", "male"), ("Giulia", "female"),
           ("Niccolò", "male"), ("Chiara", "female"), ("Matteo", "male"), ("Elisabetta", "female")),
}

LAST_NAMES: dict[str, tuple[str, ...]] = {
    "DE": ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
           "Schäfer", "Koch", "Hoffmann", "Groß"),
    "FR": ("Martin", "Bernard", "Dubois", "Thomas", "Lefèvre", "Moreau", "Laurent", "Girard",
           "Roussel", "Bonnet"),
    "GB": ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
           "O'Brien", "Evans"),
    "US": ("Smith", "Johnson", "Williams", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
           "Anderson", "Nguyen", "Peña", "Kowalski"),
    "SE": ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Öberg",
           "Lindqvist"),
    "NL": ("de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer"),
    "ES": ("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez",
           "Pérez"),
    "IT": ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci"),
}

# non-Latin-script names: (first, last, gender, ascii first, ascii last)
NON_LATIN_NAMES: tuple[tuple[str, str, str, str, str], ...] = (
    ("Дмитрий", "Иванов", "male", "dmitry", "ivanov"),
    ("Анастасия", "Смирнова", "female", "anastasia", "smirnova"),
    ("Γιώργος", "Παπαδόπουλος", "male", "giorgos", "papadopoulos"),
    ("Ελένη", "Νικολάου", "female", "eleni", "nikolaou"),
    ("伟", "王", "male", "wei", "wang"),
    ("花子", "佐藤", "female", "hanako", "sato"),
    ("민준", "김", "male", "minjun", "kim"),
    ("Олена", "Коваленко", "female", "olena", "kovalenko"),
)

NICKNAMES: dict[str, tuple[str, ...]] = {
    "Robert": ("Bob", "Rob", "Bobby"),
    "William": ("Bill", "Will", "Liam"),
    "Katherine": ("Kate", "Kathy", "Katie"),
    "Katharina": ("Kathi", "Kati"),
    "Elizabeth": ("Liz", "Beth", "Lizzie"),
    "Elisabeth": ("Lisa", "Elli"),
    "Elisabetta": ("Betta",),
    "Michael": ("Mike", "Micha"),
    "Thomas": ("Tom", "Tommy"),
    "Jennifer": ("Jen", "Jenny"),
    "Christopher": ("Chris",),
    "Daniel": ("Dan", "Danny"),
    "Nicholas": ("Nick",),
    "Nicolas": ("Nico",),
    "Johannes": ("Hannes", "Jan"),
    "Giuseppe": ("Peppe", "Beppe"),
    "Francesca": ("Franci",),
    "Francisco": ("Paco", "Pancho"),
    "Alejandro": ("Alex",),
    "Maximilian": ("Max",),
    "Margaret": ("Maggie", "Peggy"),
    "Samuel": ("Sam",),
    "Rebecca": ("Becky",),
    "Victoria": ("Vicky", "Tori"),
    "Willem": ("Wim",),
}

EMAIL_DOMAINS: dict[str, tuple[str, ...]] = {
    "DE": ("gmail.com", "web.de", "gmx.de", "t-online.de", "outlook.com"),
    "FR": ("gmail.com", "orange.fr", "free.fr", "laposte.net", "outlook.fr"),
    "GB": ("gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com", "icloud.com"),
    "US": ("gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com"),
    "SE": ("gmail.com", "telia.com", "hotmail.se", "outlook.com"),
    "NL": ("gmail.com", "ziggo.nl", "kpnmail.nl", "outlook.com"),
    "ES": ("gmail.com", "hotmail.es", "yahoo.es", "outlook.com"),
    "IT": ("gmail.com", "libero.it", "virgilio.it", "outlook.com"),
}

COMPANY_WORDS: tuple[str, ...] = (
    "Nordlicht", "Bluebird", "Kiwi", "Atlas", "Lumen", "Fjord", "Saffron", "Oak & Ivy",
    "Pixelwerk", "Brightside", "Cedar", "Tandem", "Bergamot", "Copperleaf", "Harbor", "Velo",
)
COMPANY_KINDS: tuple[str, ...] = (
    "Bakery", "Design Studio", "Consulting", "Bike Repair", "Yoga Studio", "Florist",
    "Carpentry", "Coffee Roasters", "Tax Advisors", "Dental Practice", "Hair Salon", "Studio",
)
BUSINESS_TITLES: tuple[str, ...] = ("Owner", "Founder", "Co-Founder", "Managing Director", "CEO")
OCCUPATIONS: tuple[str, ...] = (
    "Software Engineer", "Teacher", "Nurse", "Accountant", "Designer", "Student", "Sales Manager",
    "Physiotherapist", "Architect", "Marketing Manager", "Retired", "Engineer", "Lawyer",
)
EDUCATION_LEVELS: tuple[str, ...] = ("secondary", "vocational", "bachelor", "master", "doctorate")
LEAD_SOURCES_CONSUMER: tuple[str, ...] = ("newsletter", "organic_search", "paid_social", "referral",
                                          "event", "shop_signup")
LEAD_SOURCES_BUSINESS: tuple[str, ...] = ("review_site", "demo_request", "webinar")

# category -> subcategory -> product base names
PRODUCT_CATALOG: dict[str, dict[str, tuple[str, ...]]] = {
    "clothing": {"tops": ("Organic Cotton Tee", "Linen Shirt", "Merino Sweater"),
                 "bottoms": ("Recycled Denim Jeans", "Chino Trousers", "Wool Skirt"),
                 "outerwear": ("Rain Jacket", "Down Parka", "Denim Jacket")},
    "footwear": {"running": ("Trail Runner", "Road Runner"),
                 "casual": ("Canvas Sneaker", "Leather Boot", "Cork Sandal")},
    "fitness": {"equipment": ("Yoga Mat", "Kettlebell 12kg", "Resistance Bands", "Foam Roller"),
                "apparel": ("Running Tights", "Sports Bra", "Training Shorts")},
    "wellness": {"nutrition": ("Plant Protein", "Electrolyte Mix", "Omega-3 Capsules"),
                 "recovery": ("Massage Gun", "Sleep Mask", "Herbal Tea Set")},
    "electronics": {"wearables": ("Fitness Tracker", "Smartwatch"),
                    "audio": ("Wireless Earbuds", "Bluetooth Speaker")},
    "home": {"kitchen": ("Bamboo Cutting Board", "Glass Food Containers", "French Press"),
             "decor": ("Linen Cushion", "Soy Candle")},
    "beauty": {"skincare": ("Face Serum", "Day Cream SPF30", "Solid Shampoo Bar"),
               "makeup": ("Mineral Foundation", "Tinted Lip Balm")},
    "office": {"supplies": ("Recycled Notebook", "Desk Organizer", "Ergonomic Mouse")},
    "software": {"payroll": ("PayrollPro Monthly", "PayrollPro Annual"),
                 "invoicing": ("InvoiceEasy Starter", "InvoiceEasy Business"),
                 "bookkeeping": ("LedgerLite",)},
}
# EUR price range per category
PRICE_RANGES: dict[str, tuple[float, float]] = {
    "clothing": (19.0, 189.0), "footwear": (49.0, 169.0), "fitness": (14.0, 129.0),
    "wellness": (9.0, 149.0), "electronics": (39.0, 349.0), "home": (12.0, 89.0),
    "beauty": (8.0, 59.0), "office": (6.0, 49.0), "software": (9.0, 199.0),
}
VARIANTS: tuple[str, ...] = ("", " Classic", " Pro", " Lite", " Plus")

# campaign templates: (name pattern, kind) where kind is educational | promotional
CAMPAIGN_TEMPLATES: tuple[tuple[str, str], ...] = (
    ("Spring Sale {y}", "promotional"),
    ("Summer Sale {y}", "promotional"),
    ("Black Friday {y}", "promotional"),
    ("New Arrivals {m}", "promotional"),
    ("Weekend Flash Deal {m}", "promotional"),
    ("Eco Collection Launch {m}", "promotional"),
    ("Guide: Payroll Basics for Small Teams {m}", "educational"),
    ("Webinar: Invoicing Without Headaches {m}", "educational"),
    ("How-to: Close Your Books in a Day {m}", "educational"),
    ("Guide: Building a Morning Workout Habit {m}", "educational"),
    ("Newsletter {m}", "promotional"),
    ("How-to: Care for Your Clothes {m}", "educational"),
)

SUPPORT_CATEGORIES: tuple[str, ...] = ("order_status", "refund", "product_question", "account",
                                       "billing", "app_issue", "shipping")
INTERESTS: tuple[str, ...] = ("fashion", "travel", "cooking", "technology", "outdoors", "music",
                              "home_decor", "gaming", "reading", "beauty")
VALUES: tuple[str, ...] = ("price", "quality", "convenience", "innovation", "local", "brand")
LIFESTYLES: tuple[str, ...] = ("active", "family", "urban_professional", "student", "retired",
                               "homebody")
SOCIAL_TOPICS: tuple[str, ...] = ("product", "sale", "sustainability", "fitness", "customer_service",
                                  "shipping", "style", "giveaway")
JUNK_EMAILS: tuple[str, ...] = ("test@test.com", "noreply@example.com", "unknown", "n/a", "none",
                                "", "null")
JUNK_PHONES: tuple[str, ...] = ("0000000000", "1234567890", "unknown", "n/a", "none", "", "null")
INVALID_PHONES: tuple[str, ...] = ("12", "123-45", "+49", "555")  # impossible numbers
