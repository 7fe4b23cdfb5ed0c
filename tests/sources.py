"""What the tests read from a planpress source, written independently of the
program: the printed headings of its sections (壹、… at the top, 一、 below),
computed with their own numerals, so a numbering bug shows as a mismatch."""
import re
import xml.etree.ElementTree as ET

FORMAL = "零壹貳參肆伍陸柒捌玖"
LOWER = "零一二三四五六七八九"


def squash(s):
    """Text without any white space: what extraction is compared on."""
    return re.sub(r"\s+", "", s or "")


def numeral(n, digits, ten):
    """1..99 as a Chinese numeral: 十一 (not 一十一), 二十, 二十一."""
    t, u = divmod(n, 10)
    return (digits[t] if t > 1 else "") + (ten if t else "") + (digits[u] if u else "")


def sections(root):
    """(depth, printed heading without spaces, element) for every section in
    document order; an author's label="…" is used as printed, and a section
    with numbered="no" prints no label and uses up no number."""
    out = []

    def walk(parent, depth):
        k = 0
        for s in parent.findall("section"):
            label = s.get("label")
            if label is None and s.get("numbered") == "no":
                label = ""
            if label != "":
                k += 1
            if label is None:
                label = numeral(k, FORMAL, "拾") + "、" if depth == 0 else numeral(k, LOWER, "十") + "、"
            out.append((depth, squash(label + s.get("title")), s))
            walk(s, depth + 1)
    walk(root if isinstance(root, ET.Element) else ET.parse(root).getroot(), 0)
    return out
