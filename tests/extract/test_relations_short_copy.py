"""Pairs on short real-style copy: wire briefs and readouts that name each side once, capitals for
governments, a third country in passing, and stories with no relation at all.  Texts are ours."""

from __future__ import annotations

import pytest

from entente.read.document import Document

CASES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "wire_brief_each_side_named_once": (
        "JAKARTA, March 4 (Reuters) - Indonesian President Prabowo Subianto received the visiting Australian "
        "foreign minister Penny Wong in Jakarta on Tuesday to discuss maritime security and trade.\n\n"
        "The two sides agreed to step up coast guard cooperation and to hold their annual leaders' meeting "
        "later this year.\n\nWong also met her counterpart Sugiono.",
        [("AUS", "IDN")],
    ),
    "readout_partner_only_by_demonym_and_title": (
        "Foreign Minister Melanie Joly held a telephone call today with the Mexican Secretary of Foreign Affairs, "
        "Juan Ramón de la Fuente.\n\nThe ministers discussed North American trade, migration and the upcoming "
        "review of the trade agreement. Minister Joly underlined Canada's commitment to a strong partnership.\n\n"
        "They agreed to remain in close contact.",
        [("CAN", "MEX")],
    ),
    "readout_leader_title_and_demonym": (
        "Prime Minister Narendra Modi spoke today with the Japanese Prime Minister.\n\nThe two leaders reviewed "
        "progress in the Special Strategic and Global Partnership between India and Japan, including the "
        "high-speed rail project and cooperation in semiconductors.\n\nThe Prime Minister thanked his counterpart "
        "for the warm wishes and invited him to visit at a mutually convenient time.",
        [("IND", "JPN")],
    ),
    "headline_countries_body_capitals": (
        "Australia, Indonesia sign defence pact\n\nCanberra and Jakarta signed a new defence cooperation "
        "agreement on Thursday, committing the two neighbours to regular consultations on security matters.\n\n"
        "Officials said the treaty would allow joint exercises and closer coordination between the armed "
        "forces.\n\nThe agreement still has to be ratified by both parliaments.",
        [("AUS", "IDN")],
    ),
    "trilateral_meeting_one_bilateral_pair": (
        "The foreign ministers of Egypt, Jordan and Iraq met in Baghdad on Sunday for a trilateral meeting on "
        "regional security.\n\nOn the sidelines, Egypt and Jordan signed a memorandum of understanding on "
        "electricity interconnection.\n\nThe three ministers called for a ceasefire in Gaza.",
        [("EGY", "JOR")],
    ),
    "official_visit_announced_destination_named_once": (
        "Vietnam's Prime Minister Pham Minh Chinh will pay an official visit to New Zealand next week, the "
        "foreign ministry said on Friday.\n\nDuring the visit he will hold talks with Prime Minister Christopher "
        "Luxon and the two sides are expected to upgrade relations to a comprehensive strategic partnership.",
        [("NZL", "VNM")],
    ),
    "credentials_of_an_ambassador": (
        "President Cyril Ramaphosa on Monday received the credentials of the new Ambassador of the Republic of "
        "Korea to South Africa.\n\nThe President said he looked forward to deepening trade and investment ties "
        "between the two countries.",
        [("KOR", "ZAF")],
    ),
    "minister_and_his_counterpart_by_demonyms": (
        "The Japanese defence minister arrived in Manila on Monday for talks with his Philippine counterpart on "
        "a reciprocal access agreement.\n\nThe deal would allow troops from each country to train on the "
        "other's territory.",
        [("JPN", "PHL")],
    ),
    "headline_pair_then_the_two_countries": (
        "Philippines and Vietnam agree on coast guard cooperation\n\nHANOI - The coast guards of the two "
        "countries signed a memorandum of understanding on Wednesday to set up a hotline and hold joint search "
        "and rescue exercises.\n\nPhilippine President Ferdinand Marcos Jr. witnessed the signing with "
        "Vietnamese Prime Minister Pham Minh Chinh during his state visit.",
        [("PHL", "VNM")],
    ),
    "a_third_country_as_background": (
        "Poland and Ukraine agreed on Wednesday to set up a joint commission to resolve their dispute over grain "
        "imports, officials said.\n\nPolish farmers have blocked border crossings for weeks, complaining that "
        "cheap Ukrainian grain is pushing down prices. The European Commission has urged both sides to find a "
        "solution.\n\nRussia's invasion has forced Ukraine to export via land routes through neighbouring "
        "countries.",
        [("POL", "UKR")],
    ),
    "state_media_talks_with_visiting_premier": (
        "BEIJING, June 7 (Xinhua) - Chinese Premier Li Qiang held talks with visiting Pakistani Prime Minister "
        "Shehbaz Sharif in Beijing on Friday.\n\nLi said the all-weather friendship had stood the test of time "
        "and pledged support for the second phase of the economic corridor.",
        [("CHN", "PAK")],
    ),
    "capitals_trade_accusations": (
        "China, Philippines trade blame over collision\n\nBeijing and Manila traded accusations on Monday after "
        "a collision between their vessels near a disputed shoal, the latest in a series of confrontations.\n\n"
        "Each side said the other had acted dangerously.",
        [("CHN", "PHL")],
    ),
    "a_state_summons_an_ambassador": (
        "Germany summoned the Russian ambassador on Friday over a cyberattack on the headquarters of a governing "
        "party, the foreign ministry in Berlin said.\n\nA spokesman said the attack was unacceptable and would "
        "have consequences.",
        [("DEU", "RUS")],
    ),
    "call_with_the_president_of_a_country": (
        "President Cyril Ramaphosa held a telephone conversation with the President of Angola, João Lourenço, on "
        "Wednesday.\n\nThe two Heads of State discussed the situation in the eastern Democratic Republic of Congo "
        "and regional integration.",
        [("AGO", "ZAF")],
    ),
    "a_government_welcomes_a_visiting_minister": (
        "The Japanese government welcomed the visiting Indian external affairs minister in Tokyo on Thursday.\n\n"
        "The two sides agreed to expand defence equipment cooperation and to hold a two-plus-two meeting next "
        "year.",
        [("IND", "JPN")],
    ),
    "arrival_in_a_capital_at_the_invitation_of_its_leader": (
        "Kenya's President William Ruto has arrived in Addis Ababa for a two-day state visit at the invitation "
        "of Prime Minister Abiy Ahmed.\n\nThe two leaders are expected to sign agreements on trade, energy and a "
        "road corridor linking the two countries.",
        [("ETH", "KEN")],
    ),
    "election_results_with_congratulations_from_neighbours": (
        "The election commission said on Sunday that turnout in the presidential election had reached 68 "
        "percent, the highest since independence.\n\nThe incumbent, who was congratulated by the leaders of "
        "several neighbouring countries including Senegal, is expected to be sworn in next month.",
        [],
    ),
    "a_state_signs_with_another": (
        "India signed a water-sharing agreement with Bangladesh on Tuesday, officials in New Delhi said.\n\nThe "
        "deal covers the flow of a river that crosses the border and will be reviewed every five years.",
        [("BGD", "IND")],
    ),
    "headline_deal_with_a_state": (
        "Ukraine strikes gas deal with Turkmenistan\n\nKyiv will pay more for gas under the agreement, which runs "
        "for five years, the energy ministry said.",
        [("TKM", "UKR")],
    ),
    "relations_restored_with_a_neighbour": (
        "Nigeria has restored diplomatic relations with Niger after a year-long break, the foreign ministry in "
        "Abuja said on Thursday.\n\nThe border between the neighbours will reopen next week.",
        [("NER", "NGA")],
    ),
    "talks_with_a_capital": (
        "Mexico's president said on Tuesday her government had held productive talks with Washington on tariffs "
        "and would send a delegation next week.\n\nThe US side has threatened to raise duties on steel.",
        [("MEX", "USA")],
    ),
    "a_company_agrees_with_a_foreign_partner": (
        "The company said sales in Germany rose 4 percent and it agreed with its French partner to share the "
        "cost of a new plant.\n\nShares rose in Frankfurt.",
        [],
    ),
    "sanctions_on_banks_dealing_with_a_state": (
        "Exporters in Kazakhstan reported delays in payments this year.\n\nThe delays began after the United "
        "States intensified sanctions on banks dealing with Russia, traders said.",
        [],
    ),
    "a_leader_welcomes_news_about_a_state": (
        "The finance minister said on Monday the aid budget would rise.\n\nMr Brown welcomed news that a "
        "charitable foundation and Norway are joining up to fund vaccines, his office said.",
        [],
    ),
    "a_third_country_welcomes_a_pairs_decision": (
        "Britain welcomes border deal\n\nThe UK has welcomed the decision by Armenia and Azerbaijan to reopen a "
        "road across their border, the Foreign Office said.\n\nOfficials in both countries called the deal a step "
        "towards peace.\n\nBoth sides agreed to hold further talks on demining next month.",
        [("ARM", "AZE")],
    ),
    "readout_leader_of_a_country_by_title": (
        "Prime Minister Anthony Albanese today met with Prime Minister Sitiveni Rabuka of Fiji.\n\nThe leaders "
        "discussed climate change, labour mobility and policing cooperation in the Pacific.",
        [("AUS", "FJI")],
    ),
    "ministry_announces_a_visit": (
        "The Foreign Minister of Singapore, Dr Vivian Balakrishnan, will visit Vietnam from 3 to 5 March.\n\n"
        "During the visit, Minister Balakrishnan will call on Vietnamese leaders and co-chair the Joint "
        "Ministerial Committee.",
        [("SGP", "VNM")],
    ),
    "a_premier_meets_a_foreign_company_boss": (
        "Chinese Premier Li Qiang met the president of a US chipmaker in Beijing on Monday and urged foreign "
        "companies to keep investing.\n\nThe company said it would open a new research centre in Shanghai.",
        [],
    ),
    "a_government_welcomes_migrants": (
        "The Brazilian government said on Friday it had welcomed thousands of Venezuelan migrants at the northern "
        "border this year.\n\nOfficials said shelters in Roraima state were full.",
        [],
    ),
    "a_team_arrives_for_a_series": (
        "The Indian cricket team arrived in Australia on Monday for a five-match Test series.\n\nThe captain said "
        "the squad was ready.",
        [],
    ),
    "readout_spoke_with_a_leader_by_demonym_only": (
        "Prime Minister Narendra Modi spoke today with the Japanese Prime Minister.\n\nThe two leaders reviewed "
        "progress in the special strategic partnership, including the high-speed rail project and cooperation "
        "in semiconductors.",
        [("IND", "JPN")],
    ),
    "a_minister_leaves_for_a_capital": (
        "Nepal's foreign minister left for New Delhi on Sunday on a four-day official visit during which she "
        "will meet her Indian counterpart.",
        [("IND", "NPL")],
    ),
    "two_leaders_both_met_by_someone_of_neither": (
        "Leaders meet over trade bid\n\nForeign Secretary John Carter has met Italian Prime Minister Giorgia Meloni and German "
        "Chancellor Olaf Scholz to talk about the bloc's trade talks.\n\nItaly and Germany also favour an early "
        "start to talks, but there is scepticism in France.",
        [],
    ),
    "lead_opens_with_the_two_as_subject_beside_a_broker": (
        "Iran and Saudi Arabia agreed on Friday to restore diplomatic ties and reopen embassies within two "
        "months, in a deal brokered by China.\n\nThe announcement followed four days of talks in Beijing. The "
        "rivals cut ties in 2016.",
        [("IRN", "SAU")],
    ),
    "lead_opens_with_two_neighbours_named_once": (
        "Rwanda and Burundi will reopen their shared border next month after years of tension, officials said."
        "\n\nTrade between the neighbours collapsed after the closure.",
        [("BDI", "RWA")],
    ),
    "signing_in_a_third_countrys_capital": (
        "Egypt and Jordan signed a memorandum of understanding on electricity interconnection in Baghdad on "
        "Sunday, on the sidelines of a regional water conference hosted by Iraq.\n\nThe Egyptian and Jordanian "
        "energy ministers said the link would be completed by 2027. Iraqi officials welcomed the deal.",
        [("EGY", "JOR")],
    ),
    "domestic_budget_names_a_foreign_country_in_passing": (
        "Kenyan lawmakers on Tuesday passed a budget that raises taxes on fuel and mobile money transfers, "
        "despite protests in Nairobi.\n\nThe finance minister said the measures were needed to reduce borrowing, "
        "and pointed to Ghana as an example of a country forced into a debt restructuring.\n\nOpposition leaders "
        "vowed to challenge the law in court.",
        [],
    ),
    "domestic_reform_compared_with_a_neighbour": (
        "Argentina's Senate approved a sweeping reform of labour law on Thursday after a marathon session.\n\n"
        "President Javier Milei hailed the vote as a victory over what he called the privileged caste. His "
        "government, which won a loan from the International Monetary Fund last year, says the reform will "
        "attract investment.\n\nCritics compared the package to measures adopted in Brazil in 2017, and the "
        "unions called a general strike for next week.",
        [],
    ),
    "company_news_across_countries": (
        "Toyota said on Monday it would build a new battery plant in North Carolina, as Japanese carmakers race "
        "to meet demand for electric vehicles in the United States.\n\nThe company already sources lithium from "
        "Argentina and Chile, it said. Shares in Toyota rose 2 percent in Tokyo.",
        [],
    ),
    "a_visitor_and_a_demonym_that_is_no_destination": (
        "Airline may sue over presidential visit\n\nA German airline may sue the authorities after the visit of "
        "US President Joe Biden disrupted flights for hours.\n\nThe company said thousands of passengers were "
        "stranded.",
        [],
    ),
    "two_leaders_among_many_at_a_gathering": (
        "Leaders gather for climate summit\n\nBritish Prime Minister Keir Starmer and Brazilian President Lula "
        "da Silva are among the more than 30 heads of state attending the meeting.\n\nThe summit will discuss "
        "climate finance.",
        [],
    ),
    "a_capital_naming_an_instrument": (
        "The Dutch economist presented a report on how far Europe has come towards the Lisbon targets on "
        "growth and jobs.\n\nThe report said the Lisbon agreement had been undermined by a lack of cooperation "
        "between governments, and urged ministers to revive talks on reform.",
        [],
    ),
    "two_sides_both_met_by_a_third": (
        "The envoy held talks with his Israeli counterpart and the Palestinian leader on Monday.\n\nHe said he "
        "was hopeful about the talks.",
        [],
    ),
    "musicians_and_visas": (
        "Musicians' groups are to tackle US visa rules that they blame for hurting British bands abroad.\n\n"
        "British singers hoping to perform in the US face high fees, and British musicians say they are worse "
        "off than their US counterparts, who face little bureaucracy when visiting the UK to play concerts.\n\n"
        "The musicians' union said touring performers and orchestras were hit hardest.",
        [],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_pairs_on_short_copy(name, extractor):
    text, expected = CASES[name]
    record = extractor.extract(Document(text=text, name=f"{name}.txt"))
    assert sorted(tuple(r.pair) for r in record.relations) == expected
