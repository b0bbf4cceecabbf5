from courses.demo.blocks import (
    answer,
    case_study,
    example,
    heading,
    question,
    quiz,
    quote,
    reflection,
    text,
    tip,
    warning,
)

MODULE = {
    "title": "Working across borders: cooperation for creative businesses",
    "slug": "working-across-borders",
    "summary": (
        "A first module for designers, musicians, game studios, craft makers and the people who "
        "support them: why to cooperate across the Baltic Sea, how to find partners, how to run "
        "a joint project and how to make its results last."
    ),
    "introduction": (
        "<p>Creative businesses around the Baltic Sea are mostly small, and their home markets "
        "are small too. Working with partners in other countries opens new audiences, skills and "
        "funding, but it also takes time, trust and a few habits that can be learned.</p>"
        "<p>This module draws on what the Creative Ports and South Baltic Creative Clusters "
        "projects and the CCI Contact Desk network found out in practice.</p>"
    ),
    "outcomes": [
        "Explain what a creative business gains from cooperating across borders.",
        "Map possible partners and their competencies, and choose between them.",
        "Plan a small joint project with clear roles, a shared language and a budget.",
        "Keep the results and the network alive after the project ends.",
    ],
    "lessons": [
        {
            "title": "Why cooperate across borders?",
            "slug": "why-cooperate-across-borders",
            "summary": "What creative businesses gain from working with partners abroad, and what it costs.",
            "body": [
                heading("Small markets, big neighbourhood"),
                text(
                    "<p>A design studio in Tartu or a music label in Rostock can only grow so far "
                    "at home. Across the Baltic Sea there are more than fifty million people, "
                    "festivals, fairs and companies looking for exactly the skills small creative "
                    "firms have.</p>"
                    "<p>Cooperation is not only about export. Partners abroad bring methods you do "
                    "not know yet, access to funding programmes that need several countries, and "
                    "a second opinion on your ideas.</p>"
                ),
                quote(
                    "We did not need another manual. We needed to see how our neighbours actually "
                    "did it, and to try it ourselves with them.",
                    "A workshop participant",
                ),
                heading("Different starting points", "h3"),
                text(
                    "<p>The region is not uniform. Some countries have long been counted among "
                    "Europe's innovation leaders, others are catching up fast. This is an "
                    "advantage: each side has something the other lacks, but tools rarely "
                    "transfer without changes.</p>"
                ),
                tip(
                    "Start with a question, not a project",
                    "<p>Before you look for funding, write down one question you would like a "
                    "partner abroad to help you answer. It makes the first conversation much "
                    "easier.</p>",
                ),
                reflection(
                    "Which market, skill or idea outside your country would make the biggest "
                    "difference to your work in the next two years?",
                    "Write three sentences. Keep them: you will use them in the next lessons.",
                ),
            ],
        },
        {
            "title": "Finding and choosing partners",
            "slug": "finding-and-choosing-partners",
            "summary": "How to map who does what in the region and pick partners you can work with.",
            "body": [
                heading("Map before you match"),
                text(
                    "<p>Good partnerships rarely come from a single lucky meeting. Networks such "
                    "as the CCI Contact Desks keep a map of their members, the subsectors they "
                    "work in and what they are good at, and use it for match-making.</p>"
                    "<ul><li>List the organisations you already know abroad.</li>"
                    "<li>Note their subsector, their competencies and the person you know.</li>"
                    "<li>Mark the gaps: which skill or country is missing?</li></ul>"
                ),
                case_study(
                    "cci-contact-desk-network-meeting-2024",
                    "How a network plans to keep its members in touch and find partners.",
                ),
                example(
                    "A match that worked",
                    "<p>A small animation studio needed sound design. Through a network meeting "
                    "it found a music school abroad whose students wanted real projects. Both "
                    "sides got what they lacked.</p>",
                ),
                heading("Questions to ask a possible partner", "h3"),
                text(
                    "<ul><li>What do you want to get out of this cooperation?</li>"
                    "<li>How much time can you really give it each month?</li>"
                    "<li>Who decides in your organisation, and how fast?</li></ul>"
                ),
                reflection(
                    "Draw a simple map of five organisations abroad that could work with you. "
                    "What does each one bring?",
                ),
            ],
        },
        {
            "title": "Running a joint project",
            "slug": "running-a-joint-project",
            "summary": "Roles, language, money and meetings: what keeps a cross-border project on track.",
            "body": [
                heading("Agree on the basics early"),
                text(
                    "<p>Most difficulties in joint projects are not about ideas but about "
                    "expectations. Agree at the start on who leads, who pays for what, which "
                    "language you work in and how often you meet.</p>"
                    "<p>Write it down in one page that every partner signs. It will save you "
                    "weeks later.</p>"
                ),
                warning(
                    "Budgets are read differently",
                    "<p>Partners from different countries may count staff time, travel and "
                    "overheads in different ways. Compare your figures line by line before you "
                    "submit a joint budget.</p>",
                ),
                case_study(
                    "south-baltic-creative-clusters",
                    "Five partners in small and medium-sized places shared one platform and one strategy.",
                ),
                quote(
                    "The forum was where the project became real: people from the four places "
                    "finally sat at one table.",
                    "A project partner",
                ),
                tip(
                    "Meet in person at least once",
                    "<p>Online meetings keep a project going, but trust grows faster when "
                    "partners have visited each other's places at least once.</p>",
                ),
                reflection(
                    "Which of the basics (lead, money, language, meetings) would be hardest to "
                    "agree on with the partners on your map? Why?",
                ),
            ],
        },
        {
            "title": "Making results last",
            "slug": "making-results-last",
            "summary": "How to share what you learned and keep a network going after the funding ends.",
            "body": [
                heading("Write it down while it happens"),
                text(
                    "<p>Projects end, people change jobs, and what a partnership learned is "
                    "easily lost. Creative Ports planned from the start to turn its workshops "
                    "into learning modules that anyone can use, like this one.</p>"
                ),
                case_study(
                    "creative-ports", "Fourteen partners turned their tests into shared formats."
                ),
                heading("Keep the network visible", "h3"),
                text(
                    "<p>A shared event calendar and common social media channels cost little "
                    "and keep partners in view of each other. Rotating the host of each meeting "
                    "spreads the work and lets everyone see another place.</p>"
                    "<p>Plan the next funding application before the current project ends.</p>"
                ),
                quiz(
                    "Check your understanding",
                    [
                        question(
                            "Which organisation led the Creative Ports consortium?",
                            [
                                answer(
                                    "The Goethe-Institut",
                                    True,
                                    "Correct: it led 14 partners from 8 countries.",
                                ),
                                answer(
                                    "Media Evolution City Malmö",
                                    False,
                                    "It was a partner, but not the lead.",
                                ),
                                answer(
                                    "The City of Vilnius", False, "Vilnius was one of the partners."
                                ),
                            ],
                            explanation="The Goethe-Institut led a consortium of 14 partners from 8 countries.",
                        ),
                        question(
                            "How did the South Baltic Creative Clusters partners connect their local networks?",
                            [
                                answer(
                                    "A joint communication platform",
                                    True,
                                    "Yes, one shared platform.",
                                ),
                                answer(
                                    "Yearly forums",
                                    True,
                                    "Yes, the forums brought the places together.",
                                ),
                                answer(
                                    "A shared bank account",
                                    False,
                                    "No, each partner kept its own budget.",
                                ),
                            ],
                            kind="multiple",
                            explanation="They used a joint platform, annual forums and joint promotion of the sector.",
                        ),
                        question(
                            "What is a good first step when you look for partners abroad?",
                            [
                                answer(
                                    "Map who does what and which competencies they have",
                                    True,
                                    "Right: a map makes match-making much easier.",
                                ),
                                answer(
                                    "Write the funding application",
                                    False,
                                    "That comes later, with partners.",
                                ),
                                answer(
                                    "Wait until someone contacts you",
                                    False,
                                    "Partnerships need a first step.",
                                ),
                            ],
                            explanation="Mapping partners and their competencies comes before match-making.",
                        ),
                    ],
                ),
                reflection(
                    "What is one thing you will do in the next month to start or strengthen a "
                    "partnership across a border?",
                    "Look back at the three sentences you wrote in the first lesson.",
                ),
            ],
        },
    ],
}
