#!/usr/bin/env python3
"""Writes hostile datasets for byte-for-byte regression checks of uptake's outputs (scripts/bench-regress.sh).

    make-regression-data.py OUT_DIR

Deterministic (random.Random(11)). Each dataset mixes good rows with every kind
of problem the uptake.csv loader reports (bad periods, numbers, duplicates,
across the two halves of a large file too, a month and a day of it, programme
conflicts, unknown partners, invalid UTF-8, control characters, quoted names
with commas, doubled quotes and line breaks, wrong column counts, an
unterminated quote, CRLF line ends, blank lines). Sizes: small (one thread)
and about 6 MB (read by two threads), in both row orders.
"""
import os
import random
import sys

HEADER = "partner,proxy_population,period,eligible,uptake_pct,screened,programme,source\n"


def names(rng, n_partners):
    out = []
    for p in range(n_partners):
        k = p % 6
        if k == 0:
            out.append(f'"Partner {p}, CIC"')
        elif k == 1:
            out.append(f'"The ""Quoted"" {p}"')
        elif k == 2:
            out.append(f"Partner {p}")
        elif k == 3:
            out.append(f"Plain {p}")
        elif k == 4:
            out.append(f"Ünïcode 健康 {p}")
        else:
            out.append(f"  Spaced {p}  ")
    return out


def series_rows(rng, s, partner, periods):
    proxy = f'"Ward {s}, north"' if s % 3 == 1 else (f'"Multi\nline {s}"' if s % 97 == 5 else f"Ward {s}")
    prog = ["breast", "cervical", "bowel", "", "Breast"][s % 5]
    eligible = 100 + rng.randrange(5000)
    rows = []
    for p in range(periods):
        month = p % 12 + 1
        year = 2022 + p // 12
        period = f"{year}-{month:02d}"
        screened = rng.randrange(eligible + 1)
        mode = rng.randrange(3)
        pct = f"{screened / eligible * 100:.1f}" if eligible else ""
        if mode == 0:
            fields = [partner, proxy, period, str(eligible), pct, "", prog, "synthetic"]
        elif mode == 1:
            fields = [partner, proxy, period, str(eligible), "", str(screened), prog, "synthetic"]
        else:
            fields = [partner, proxy, period, str(eligible), pct, str(screened), prog, "src 2"]
        rows.append(fields)
        eligible = max(1, eligible + rng.randrange(41) - 20)
    return rows


def corrupt(rng, fields, i):
    f = list(fields)
    k = i % 17
    if k == 0: f[2] = "2024-13"
    elif k == 1: f[3] = "-5"
    elif k == 2: f[3] = "12a"
    elif k == 3: f[4] = "101.5"
    elif k == 4: f[4] = "abc"
    elif k == 5: f[5] = str(10 ** 12)
    elif k == 6: f[3] = "0"; f[4] = "50"; f[5] = ""
    elif k == 7: f[6] = "lung"
    elif k == 8: f[0] = ""
    elif k == 9: f[1] = ""
    elif k == 10: f[4] = ""; f[5] = ""
    elif k == 11: f[2] = f[2] + "-15"            # a day beside its month
    elif k == 12: f = f[:-1]                     # wrong column count
    elif k == 13: f[0] = "Bad \x1b[2J\x07 name"
    elif k == 14: f[0] = "Not in partners.csv"
    elif k == 15: f[2] = "2023-02-30"
    else: f[4] = "33.3333333"
    return f


def build(rng, n_series, periods, by_period, n_partners):
    partners = names(rng, n_partners)
    all_series = [series_rows(rng, s, partners[s % n_partners], periods) for s in range(n_series)]
    if by_period:
        ordered = [all_series[s][p] for p in range(periods) for s in range(n_series)]
    else:
        ordered = [r for series in all_series for r in series]
    lines = []
    for i, fields in enumerate(ordered):
        if rng.random() < 0.01:
            fields = corrupt(rng, fields, i)
        lines.append(",".join(fields) + "\n")
        if rng.random() < 0.003:
            lines.append(lines[rng.randrange(len(lines))])   # a duplicate of an earlier row
        if rng.random() < 0.002:
            lines.append("\n")
        if rng.random() < 0.0005:
            f = list(fields); f[6] = "bowel" if f[6] != "bowel" else "breast"
            lines.append(",".join(f[:2] + ["2030-01"] + f[3:]) + "\n")   # programme conflict
    # A duplicate of the very first row at the very end (across the halves of a big file).
    lines.append(lines[0])
    return partners, lines


def write(out, name, partners, lines, crlf=False, extra=b""):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    text = HEADER + "".join(lines)
    data = text.encode("utf-8")
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    data += extra
    with open(os.path.join(d, "uptake.csv"), "wb") as f:
        f.write(data)
    with open(os.path.join(d, "partners.csv"), "w") as f:
        f.write("partner,area,funding_gbp,residents_reached,reported_change_pct,summary\n")
        for i, p in enumerate(partners):
            if i % 11 == 7:
                continue   # some partners missing
            f.write(f"{p},Area {i % 5},{20000 + i},{50 + i % 400},{(i % 30) / 10:.1f},Synthetic\n")
    with open(os.path.join(d, "dataset.toml"), "w") as f:
        f.write('title = "Synthetic regression data (hostile)"\n[benchmarks.breast]\nacceptable = 70.0\nachievable = 80.0\n'
                '[benchmarks.bowel]\nacceptable = 62.0\n')


def main():
    out = sys.argv[1]
    for by_period in (False, True):
        order = "period" if by_period else "series"
        rng = random.Random(11)
        partners, lines = build(rng, 300, 6, by_period, 40)
        write(out, f"small-by-{order}", partners, lines)
        rng = random.Random(12)
        partners, lines = build(rng, 12000, 8, by_period, 2400)
        write(out, f"big-by-{order}", partners, lines)
    rng = random.Random(13)
    partners, lines = build(rng, 9000, 8, False, 1800)
    # Invalid UTF-8 in a name, CRLF line ends, and an unterminated quote at the end.
    lines.insert(500, "A row with one field\n")
    write(out, "big-crlf-broken", partners, lines, crlf=True,
          extra=b"Bad\xff\xfe,Ward,2024-01,100,50,,,\r\n\"Unterminated,Ward,2024-01,100,50,,,\r\n")


if __name__ == "__main__":
    main()
