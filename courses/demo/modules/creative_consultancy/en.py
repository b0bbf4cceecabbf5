from courses.demo.blocks import (
    answer,
    case_study,
    example,
    heading,
    question,
    quiz,
    reflection,
    text,
    tip,
    warning,
)

MODULE = {
    "title": "Creative skills for other sectors",
    "slug": "creative-skills-for-other-sectors",
    "summary": (
        "How designers, makers and other creative professionals can advise businesses and "
        "public bodies outside the creative industries, and how a region can plan for it."
    ),
    "introduction": (
        "<p>South Baltic Creative Clusters tested an idea that many small places can use: "
        "creative professionals acting as consultants for tourism, food, retail or local "
        "government. This short module looks at what such an offer needs.</p>"
    ),
    "outcomes": [
        "Describe what creative professionals can offer to businesses in other sectors.",
        "Shape a clear local consultancy offer.",
        "Connect the offer to a long-term strategy shared with neighbouring places.",
    ],
    "lessons": [
        {
            "title": "What creative consultancy offers",
            "slug": "what-creative-consultancy-offers",
            "summary": "Design thinking, storytelling and making: skills other sectors lack.",
            "body": [
                heading("More than a nice logo"),
                text(
                    "<p>A hotel that wants guests in winter, a museum with too few young "
                    "visitors, a bakery that wants to sell online: each has a problem that a "
                    "designer, a film maker or a craft maker can help to solve.</p>"
                    "<p>The value lies in the way creative people work: they observe users, try "
                    "ideas quickly and tell a story that others remember.</p>"
                ),
                example(
                    "A small-town example",
                    "<p>A textile maker helped a rural tourism office turn local patterns into "
                    "a walking route with a workshop at the end. Visitors stayed a day "
                    "longer.</p>",
                ),
                reflection("Which business near you has a problem your skills could help with?"),
            ],
        },
        {
            "title": "Shaping a local offer",
            "slug": "shaping-a-local-offer",
            "summary": "Price, scope and the first client: making consultancy concrete.",
            "body": [
                heading("Say what you do in one sentence"),
                text(
                    "<p>Businesses outside the creative industries rarely buy 'creativity'. "
                    "They buy a result: more visitors, a clearer product, a better website. "
                    "Describe your offer by the result, with a fixed scope and price.</p>"
                ),
                warning(
                    "Do not work for free for too long",
                    "<p>A free pilot helps to win a first client, but agree from the start "
                    "when the paid work begins.</p>",
                ),
                case_study(
                    "south-baltic-creative-clusters",
                    "The project tested creative consultancy for other sectors in four places.",
                ),
                quiz(
                    "Check your understanding",
                    [
                        question(
                            "How should a creative consultant describe an offer to a bakery?",
                            [
                                answer(
                                    "By the result the bakery gets",
                                    True,
                                    "Yes: clients buy results.",
                                ),
                                answer(
                                    "By the creative method used",
                                    False,
                                    "Methods matter less to clients.",
                                ),
                            ],
                            explanation="Describe the result, the scope and the price.",
                        ),
                        question(
                            "Which of these belong in a clear consultancy offer?",
                            [
                                answer("A fixed scope", True, "Right."),
                                answer("A price", True, "Right."),
                                answer(
                                    "An open-ended free pilot",
                                    False,
                                    "Agree when paid work starts.",
                                ),
                            ],
                            kind="multiple",
                        ),
                    ],
                ),
            ],
        },
        {
            "title": "A strategy shared with neighbours",
            "slug": "a-strategy-shared-with-neighbours",
            "summary": "Why a ten-year plan across several places keeps the offer alive.",
            "body": [
                heading("Plan beyond the project"),
                text(
                    "<p>One consultant can change one business. A region changes when "
                    "municipalities, business support and creative networks agree on a common "
                    "direction for ten years, and neighbouring places share what works.</p>"
                ),
                tip(
                    "Start with what you already share",
                    "<p>A coastline, a craft tradition or a festival can be the first chapter "
                    "of a shared strategy.</p>",
                ),
                reflection(
                    "Which neighbouring town or region could you plan with, and what do you "
                    "already share?",
                ),
            ],
        },
    ],
}
