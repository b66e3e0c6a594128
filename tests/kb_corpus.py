"""A small corpus of records built by hand (entente.kb.testing.Article): three Japan-Malaysia articles
and more, shared by the KB, CLI, export and search tests."""

from __future__ import annotations

import datetime as dt

from entente.kb.testing import Article

TODAY = dt.date(2025, 6, 1)
JM = ("JPN", "MYS")
KM = ("KOR", "MYS")



def corpus() -> list[Article]:
    a1 = Article("Tokyo will host a summit of Japan and Malaysia on 25 November. The two sides intend to conclude "
                 "the economic partnership agreement negotiations by 2025 and to raise ties to a comprehensive "
                 "strategic partnership. Bilateral trade reached 100 billion yen in 2023.",
                 "a1.txt", published="2024-11-20", title="Summit ahead")
    a1.event(JM, "meeting", "planned", "summit of Japan and Malaysia on 25 November", date="2024-11-25",
             place="Tokyo", place_country="JPN")
    a1.commitment(JM, "conclude the economic partnership agreement negotiations",
                  "conclude the economic partnership agreement negotiations by 2025", deadline="2025")
    a1.level(JM, "comprehensive_strategic_partnership", "planned", "raise ties to a comprehensive strategic partnership")
    a1.figure(JM, "trade_value", 100e9, "JPY", "trade reached 100 billion yen in 2023", period="2023")

    a2 = Article("Prime Minister Ishiba Shigeru received Anwar Ibrahim in Tokyo on Monday. The leaders elevated "
                 "relations to a comprehensive strategic partnership and agreed to work together on semiconductors.",
                 "a2.txt", published="2024-11-25", title="Leaders meet")
    p1 = a2.person("Ishiba Shigeru", "JPN", "Ishiba Shigeru", titles=("Prime Minister",))
    p2 = a2.person("Anwar Ibrahim", "MYS")
    a2.event(JM, "meeting", "occurred", "received Anwar Ibrahim in Tokyo on Monday", date="2024-11-25",
             place="Tokyo", place_country="JPN", participants=(p1, p2))
    a2.level(JM, "comprehensive_strategic_partnership", "occurred",
             "elevated relations to a comprehensive strategic partnership", date="2024-11-25",
             previous="strategic_partnership")
    a2.area(JM, "semiconductors", "agreed", "work together on semiconductors")

    a3 = Article("Datuk Seri Anwar Ibrahim held talks with his Japanese counterpart in Tokyo yesterday, where a "
                 "memorandum of understanding on semiconductor supply chains was signed. Officials put two-way "
                 "trade at 120 billion yen in 2023.", "a3.txt", published="2024-11-26")
    a3.person("Anwar Ibrahim", "MYS", "Anwar Ibrahim")
    a3.event(JM, "meeting", "occurred", "held talks with his Japanese counterpart in Tokyo yesterday",
             date="2024-11-25", place="Tokyo", place_country="JPN")
    a3.agreement(JM, "mou", "signed", "memorandum of understanding on semiconductor supply chains was signed",
                 title="Memorandum of Understanding on Semiconductor Supply Chains", date="2024-11-25",
                 areas=("semiconductors", "supply_chain"))
    a3.area(JM, "semiconductors", "discussed", "semiconductor supply chains")
    a3.figure(JM, "trade_value", 120e9, "JPY", "trade at 120 billion yen in 2023", period="2023")

    a4 = Article("Japan and Malaysia concluded their economic partnership agreement talks in Kuala Lumpur.",
                 "a4.txt", published="2025-03-01")
    a4.agreement(JM, "fta", "concluded", "concluded their economic partnership agreement talks",
                 title="Japan-Malaysia Economic Partnership Agreement", date="2025-03-01")

    k1 = Article("South Korea and Malaysia held a strategic dialogue in Seoul on 10 June 2024 and pledged to finish a "
                 "halal certification roadmap by December 2023.", "k1.txt", published="2024-06-10")
    k1.event(KM, "dialogue", "occurred", "held a strategic dialogue in Seoul on 10 June 2024", date="2024-06-10",
             place="Seoul", place_country="KOR")
    k1.commitment(KM, "finish a halal certification roadmap", "finish a halal certification roadmap by December 2023",
                  deadline="2023-12", areas=("halal",))
    k1.area(KM, "halal", "planned", "halal certification roadmap")
    k2 = Article("Seoul hosted Malaysian officials for a strategic dialogue on 12 June 2024.", "k2.txt",
                 published="2024-06-13")
    k2.event(KM, "dialogue", "occurred", "strategic dialogue on 12 June 2024", date="2024-06-12", place="Seoul")
    return [a1, a2, a3, a4, k1, k2]
