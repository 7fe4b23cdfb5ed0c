#!/usr/bin/env python3
"""Generate src/linebreak_table.inc, the per-code-point property table of
src/linebreak.c.  Never edit the .inc by hand: change this script and rerun

    python3 scripts/gen_linebreak_table.py [UNICODE_DIR] > src/linebreak_table.inc

UNICODE_DIR defaults to /usr/share/unicode (Debian package `unicode-data`,
15.0.0 on bookworm); it must hold LineBreak.txt, EastAsianWidth.txt and
UnicodeData.txt.

Every code point gets one property record {class, script, flags}:

  class   the UAX #14 line-break class after LB1 resolution and the zh-TW
          tailorings of docs/typesetting.md section 1 (listed in TAILOR
          below);
  script  the pp_script value of src/linebreak.h;
  flags   LBF_NO_START / LBF_NO_END  (docs/typesetting.md 2: kinsoku),
          LBF_WIDE  (East_Asian_Width F/W/H, or a tailored CJK quote: UAX #14
                     LB30 does not glue such brackets to letters),
          LBF_WORD  (a Western letter, mark or digit, or '%': the characters a
                     Han-Latin quarter-em glue may stand next to).

The records are deduplicated (lb_props[]) and indexed through a two-stage
table: lb_stage1[cp >> LB_SHIFT] selects a block of lb_stage2[], whose entry
at (cp & LB_MASK) is the index into lb_props[].  The block size is chosen to
give the smallest total.
"""
import os
import sys

UDIR = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
NCP = 0x110000

# UAX #14 classes (15.0), in the order of the generated enum.
CLASSES = """BK CR LF CM NL SG WJ ZW GL SP ZWJ B2 BA BB HY CB CL CP EX IN NS OP QU
IS NU PO PR SY AI AL CJ EB EM H2 H3 HL ID JL JV JT RI SA XX""".split()

# pp_script values, same order as the enum in src/linebreak.h.
SCRIPTS = ["HAN", "PUNCT_FULL", "LATIN", "DIGIT", "SPACE", "OTHER"]

LBF_NO_START, LBF_NO_END, LBF_WIDE, LBF_WORD = 1, 2, 4, 8


def ranges(path):
    """Yield (first, last, value, comment) for each data line of a UCD file."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            data, _, comment = line.partition("#")
            data = data.strip()
            if not data:
                continue
            cps, value = [s.strip() for s in data.split(";")[:2]]
            a, _, b = cps.partition("..")
            yield int(a, 16), int(b or a, 16), value, comment


def load_property(name, default):
    prop = [default] * NCP
    for a, b, v, _ in ranges(os.path.join(UDIR, name)):
        for cp in range(a, b + 1):
            prop[cp] = v
    return prop


def load_gc():
    gc = ["Cn"] * NCP
    first = None
    with open(os.path.join(UDIR, "UnicodeData.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.split(";")
            cp, name, cat = int(fields[0], 16), fields[1], fields[2]
            if name.endswith(", First>"):
                first = cp
                continue
            if name.endswith(", Last>"):
                for c in range(first, cp + 1):
                    gc[c] = cat
                continue
            gc[cp] = cat
    return gc


def header_version(name):
    with open(os.path.join(UDIR, name), encoding="utf-8") as f:
        return f.readline().strip("# \n")


def cps_of(spec):
    """'FF0C 3002 FE50-FE52' -> list of code points; single characters too."""
    out = []
    for tok in spec.split():
        if "-" in tok and len(tok) > 1:
            a, b = tok.split("-")
            out.extend(range(int(a, 16), int(b, 16) + 1))
        else:
            out.append(int(tok, 16))
    return out


# May not start a line (clreq "basic" + ECMA-376-4 zh-TW), plus the
# additions marked [+]: 〟 (closing like 〞), the halfwidth forms ｡｣､ of 。」、,
# ⸺ ⸻ (—— as one character; ——/…… do not start a line either) and ⋯ (the
# other …… form).  FE53 is unassigned and left out of FE50-FE57.
NO_START = cps_of("""
    FF0C 3002 3001 FF1B FF1A FF1F FF01 FF0E FE50 FE51 FE52 FE54-FE57
    002C 002E 003B 003A 003F 0021
    FF09 300D 300F 3011 3009 300B 3015 3017 3019 301B FF3D FF5D 2019 201D 301E
    FE5A FE5C FE5E 0029 005D 007D
    FF5E 2013 2014 2027 00B7 30FB 2022 2025 2026
    FE30 FE31 FE33 FE34 FE36 FE38 FE3A FE3C FE3E FE40 FE42 FE44 FE4F
    00A2 00B0 FF05 2030 2103
    301F FF61 FF63 FF64 2E3A 2E3B 22EF
""")
# May not end a line (clreq "basic" + ECMA-376-4 zh-TW), plus [+] 〘 〚 (openers of the listed 〙 〛),
# halfwidth ｢ and fullwidth ￡ (currency prefix like ￥).
NO_END = cps_of("""
    FF08 300C 300E 3010 3008 300A 3014 3016 FF3B FF5B 2018 201C 2035 301D
    FE59 FE5B FE5D 0028 005B 007B
    00A3 00A5 0024 FF04 FFE5
    3018 301A FF62 FFE1
""")

# zh-TW tailorings of single code points (docs/typesetting.md 1, the table).
TAILOR = {
    0x201C: "OP", 0x2018: "OP",   # “ ‘ open  (UAX14 QU glues both sides)
    0x201D: "CL", 0x2019: "CL",   # ” ’ close (’ between letters: see linebreak.c)
    0xFF5E: "NS",                 # ～ may not start a line
    0x00B7: "NS",                 # · (AI) interpunct, may not start a line
    0xFE51: "CL",                 # ﹑ small ideographic comma
    0x203B: "ID", 0x25CB: "ID", 0x25CF: "ID",  # ※ ○ ● (AI) like Han
}
TAILORED_QUOTES = {0x201C, 0x2018, 0x201D, 0x2019}


def is_pua(cp):
    return 0xE000 <= cp <= 0xF8FF or 0xF0000 <= cp <= 0xFFFFD or 0x100000 <= cp <= 0x10FFFD


def resolve_class(cp, raw, gc):
    if cp in TAILOR:
        return TAILOR[cp]
    if is_pua(cp):
        # BMP PUA (Big5 EUDC 造字) and plane 15/16 (TW-Kai-Plus, TW-Sung-Plus)
        # hold Han glyphs: ID, not UAX14's XX -> AL, which would glue a run of
        # them into one unbreakable word.
        return "ID"
    if 0xFF10 <= cp <= 0xFF19:
        return "ID"   # fullwidth digits take a full em each and break like Han (２|０|２|４)
    if 0xFF21 <= cp <= 0xFF3A or 0xFF41 <= cp <= 0xFF5A:
        return "AL"   # fullwidth letters: keep ＡＰＰ whole like APP
    if raw == "AI":
        # LB1: resolve by context.  Latin-ish blocks (Latin-1 § ² ×, IPA
        # modifiers, super/subscripts, letterlike ™ Å, number forms ½ Ⅻ) go
        # with the letters; the rest (circled numbers ①, arrows, box drawing,
        # math operators, geometric shapes) are full-width in CJK fonts: ID.
        if cp < 0x0300 or 0x2070 <= cp <= 0x218F:
            return "AL"
        return "ID"
    if raw in ("SG", "XX"):
        return "AL"
    if raw == "SA":
        return "CM" if gc in ("Mn", "Mc") else "AL"
    if raw == "CJ":
        return "NS"   # LB1 / CSS line-break:strict
    return raw


def in_any(cp, spans):
    return any(a <= cp <= b for a, b in spans)


HAN_SPANS = [
    (0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x2FF0, 0x2FFF), (0x3005, 0x3007),
    (0x3021, 0x3029), (0x3038, 0x303B), (0x3041, 0x309F), (0x30A1, 0x30FA),
    (0x30FC, 0x30FF), (0x3100, 0x312F), (0x3131, 0x318E), (0x31A0, 0x31BF),
    (0x31C0, 0x31EF), (0x31F0, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
    (0xA960, 0xA97F), (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF), (0xE000, 0xF8FF),
    (0xF900, 0xFAFF), (0x1B000, 0x1B16F), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD),
    (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD),
    (0x25CB, 0x25CB), (0x25EF, 0x25EF),  # ○ ◯: zero (一○五年) and placeholder (○○部)
]
PUNCT_FULL_SPANS = [
    (0x3000, 0x303F), (0x30A0, 0x30A0), (0x30FB, 0x30FB), (0xFE10, 0xFE1F),
    (0xFE30, 0xFE4F), (0xFE50, 0xFE6F), (0xFF01, 0xFF0F), (0xFF1A, 0xFF20),
    (0xFF3B, 0xFF40), (0xFF5B, 0xFF65),
]
# General punctuation that a zh-TW text sets full width from the CJK font.
PUNCT_FULL_SINGLES = set(cps_of("00B7 2014 2015 2018 2019 201C 201D 2022 2025 2026 2027 2035 203B 22EF 2E3A 2E3B"))
SPACE_SINGLES = set(cps_of("0009 0020 00A0 1680 2000-200A 202F 205F"))
LATIN_SPANS = [
    (0x0021, 0x007E), (0x00A1, 0x036F), (0x0370, 0x03FF), (0x0400, 0x052F),
    (0x1D00, 0x1DFF), (0x1E00, 0x1FFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF),
    (0xAB30, 0xAB6F), (0xFB00, 0xFB06),
]


def script_of(cp, gc):
    if cp in SPACE_SINGLES:
        return "SPACE"
    if 0x30 <= cp <= 0x39:
        return "DIGIT"
    if in_any(cp, HAN_SPANS) and cp not in PUNCT_FULL_SINGLES:
        return "HAN"
    if cp in PUNCT_FULL_SINGLES or in_any(cp, PUNCT_FULL_SPANS):
        return "PUNCT_FULL"
    if in_any(cp, LATIN_SPANS) and gc != "Cn":
        return "LATIN"
    return "OTHER"


def main():
    raw = load_property("LineBreak.txt", "XX")
    eaw = load_property("EastAsianWidth.txt", "N")
    gc = load_gc()
    no_start, no_end = set(NO_START), set(NO_END)

    props, prop_index, cp_prop = [], {}, bytearray(NCP)
    for cp in range(NCP):
        cls = resolve_class(cp, raw[cp], gc[cp])
        scr = script_of(cp, gc[cp])
        flags = 0
        if cp in no_start:
            flags |= LBF_NO_START
        if cp in no_end:
            flags |= LBF_NO_END
        if eaw[cp] in ("F", "W", "H") or cp in TAILORED_QUOTES:
            flags |= LBF_WIDE
        if (scr == "DIGIT" or cp == 0x25
                or (scr == "LATIN" and gc[cp][0] in "LMN")):
            flags |= LBF_WORD
        key = (CLASSES.index(cls), SCRIPTS.index(scr), flags)
        if key not in prop_index:
            prop_index[key] = len(props)
            props.append(key)
        cp_prop[cp] = prop_index[key]
    assert len(props) <= 256, len(props)

    best = None
    for shift in (5, 6, 7, 8):
        size = 1 << shift
        blocks, block_index, stage1 = [], {}, []
        for start in range(0, NCP, size):
            blk = bytes(cp_prop[start:start + size])
            if blk not in block_index:
                block_index[blk] = len(blocks)
                blocks.append(blk)
            stage1.append(block_index[blk])
        s1_bytes = 1 if len(blocks) <= 256 else 2
        total = len(stage1) * s1_bytes + len(blocks) * size
        if best is None or total < best[0]:
            best = (total, shift, stage1, blocks, s1_bytes)
    total, shift, stage1, blocks, s1_bytes = best

    out = sys.stdout
    out.write("/* Generated by scripts/gen_linebreak_table.py from %s,\n"
              " * %s and %s. DO NOT EDIT.\n"
              " * %d property records, block size %d, %d blocks, %d bytes of index. */\n\n"
              % (header_version("LineBreak.txt"), header_version("EastAsianWidth.txt"),
                 "UnicodeData.txt", len(props), 1 << shift, len(blocks), total))
    out.write("/* UAX #14 line-break classes (after LB1 resolution and zh-TW tailoring). */\n")
    out.write("enum lb_class {\n")
    for i, c in enumerate(CLASSES):
        out.write("  LB_%s = %d,\n" % (c, i))
    out.write("  LB_NCLASSES\n};\n\n")
    out.write("#define LBF_NO_START %d\n#define LBF_NO_END %d\n#define LBF_WIDE %d\n#define LBF_WORD %d\n"
              % (LBF_NO_START, LBF_NO_END, LBF_WIDE, LBF_WORD))
    out.write("#define LB_SHIFT %d\n#define LB_MASK 0x%X\n" % (shift, (1 << shift) - 1))
    out.write("#define LB_PROP_FFFD %d /* used for values above U+10FFFF */\n\n" % cp_prop[0xFFFD])

    out.write("static const struct lb_prop lb_props[%d] = {\n" % len(props))
    for c, s, f in props:
        out.write("  {LB_%s, PP_SCRIPT_%s, %d},\n" % (CLASSES[c], SCRIPTS[s], f))
    out.write("};\n\n")

    def emit(name, ctype, values, per_line):
        out.write("static const %s %s[%d] = {\n" % (ctype, name, len(values)))
        for i in range(0, len(values), per_line):
            out.write("  " + ",".join(str(v) for v in values[i:i + per_line]) + ",\n")
        out.write("};\n\n")

    emit("lb_stage1", "uint8_t" if s1_bytes == 1 else "uint16_t", stage1, 24)
    emit("lb_stage2", "uint8_t", [b for blk in blocks for b in blk], 32)


if __name__ == "__main__":
    main()
