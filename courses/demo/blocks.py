"""A compact way to write lesson bodies as data, and to turn them into StreamField data.

Every language version of a lesson is written with the same blocks in the same order. The
builder gives each block the same id in every language (derived from the lesson and the
block's position), which is what lets wagtail-localize match the translated strings.
"""

import uuid

NAMESPACE = uuid.UUID("6f1c1e0a-6a53-4f0e-9b7e-2f3c4d5e6f70")


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def text(html):
    return {"type": "rich_text", "value": html}


def callout(kind, title, html):
    return {"type": "callout", "value": {"kind": kind, "title": title, "text": html}}


def tip(title, html):
    return callout("tip", title, html)


def warning(title, html):
    return callout("warning", title, html)


def example(title, html):
    return callout("example", title, html)


def quote(text, attribution=""):
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


class CaseStudyRef(str):
    """The slug of a demo case study, replaced by the page's id when the lesson is built."""


def case_study(slug, note):
    return {"type": "case_study_link", "value": {"case_study": CaseStudyRef(slug), "note": note}}


def reflection(prompt, guidance=""):
    return {"type": "reflection", "value": {"prompt": prompt, "guidance": guidance}}


def answer(text, correct=False, feedback=""):
    return {"text": text, "correct": correct, "feedback": feedback}


def question(text, answers, kind="single", explanation=""):
    return {"question": text, "kind": kind, "choices": answers, "explanation": explanation}


def quiz(title, questions, pass_mark=70):
    return {
        "type": "quiz",
        "value": {"title": title, "pass_mark": pass_mark, "questions": questions},
    }


def block_id(key, *parts):
    return str(uuid.uuid5(NAMESPACE, "/".join([key, *map(str, parts)])))


def _resolve(value, case_study_ids):
    if isinstance(value, CaseStudyRef):
        return case_study_ids[str(value)]
    if isinstance(value, dict):
        return {name: _resolve(item, case_study_ids) for name, item in value.items()}
    return value


def stream_data(blocks, key, case_study_ids=None):
    """Raw StreamField data with stable ids for ``blocks``; ``key`` names the field's owner."""
    data = []
    for position, block in enumerate(blocks):
        value = _resolve(block["value"], case_study_ids or {})
        if block["type"] == "quiz":
            value = dict(value)
            value["questions"] = [
                {
                    "type": "item",
                    "id": block_id(key, position, "q", number),
                    "value": {
                        **item,
                        "choices": [
                            {
                                "type": "item",
                                "id": block_id(key, position, "q", number, choice),
                                "value": option,
                            }
                            for choice, option in enumerate(item["choices"])
                        ],
                    },
                }
                for number, item in enumerate(value["questions"])
            ]
        data.append({"type": block["type"], "value": value, "id": block_id(key, position)})
    return data


def outcomes_data(outcomes, key):
    return [
        {"type": "outcome", "value": outcome, "id": block_id(key, "outcome", position)}
        for position, outcome in enumerate(outcomes)
    ]
