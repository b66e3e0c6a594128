"""Write the hostile input corpus: every kind of bad file analysts will feed us.

Usage: python tests/hostile/make_corpus.py OUT_DIR

`EXPECTED` maps each file (or JSONL line) to its defined outcome: a record whose
warnings contain a phrase, or a per-file error whose reason contains a phrase.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

try:
    from pdfs import pdf_from_stream
except ImportError:  # run as a script: python tests/hostile/make_corpus.py OUT_DIR
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from pdfs import pdf_from_stream

PROSE = (
    "Ministers from Chile and New Zealand met in Wellington on Tuesday and agreed to expand "
    "cooperation on renewable energy and agriculture. The two countries will hold talks again next year.\n"
)

# file name -> ("record", phrase in warnings or "") | ("error", phrase in reason)
EXPECTED: dict[str, tuple[str, str]] = {
    "empty.txt": ("error", "empty"),
    "whitespace.txt": ("error", "empty"),
    "binary.txt": ("error", "binary"),
    "invalid_utf8.txt": ("record", "UTF-8"),
    "utf16_bom.txt": ("record", "UTF-16"),
    "latin1.txt": ("record", "Windows-1252"),
    "big_50mb.txt": ("record", "cut to"),
    "one_line_1mb.txt": ("record", ""),
    "nested.html": ("any", ""),
    "script_style.html": ("error", "main text"),
    "no_text_layer.pdf": ("error", "no text layer"),
    "truncated.pdf": ("error", "PDF"),
    "lines.jsonl:1": ("record", ""),
    "lines.jsonl:2": ("error", "malformed JSON"),
    "lines.jsonl:3": ("error", "'text'"),
    "lines.jsonl:4": ("error", "not a JSON object"),
    "lines.jsonl:5": ("record", ""),
    "malay.txt": ("record", "English"),
    "japanese.txt": ("record", "non-Latin"),
    "korean.txt": ("record", "non-Latin"),
    "arabic.txt": ("record", "non-Latin"),
    "unknown.xyz": ("error", "unsupported"),
    "big_50mb.html": ("error", "bytes for main-text extraction"),
    "many_elements.html": ("error", "elements for main-text extraction"),
    "good.txt": ("record", ""),
    "lines.jsonl:6": ("error", "lone surrogate"),
    "lines.jsonl:7": ("record", "control character"),
    "lines.jsonl:8": ("record", ""),
}


def write(out: Path) -> dict[str, tuple[str, str]]:
    out.mkdir(parents=True, exist_ok=True)
    (out / "empty.txt").write_bytes(b"")
    (out / "whitespace.txt").write_bytes(b" \n\t \r\n  ")
    (out / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (out / "invalid_utf8.txt").write_bytes(PROSE.encode() + b"\xc3\x28 broken \xff bytes\n")
    (out / "utf16_bom.txt").write_bytes(PROSE.encode("utf-16"))
    (out / "latin1.txt").write_bytes(("Caf\u00e9 talks: " + PROSE).encode("latin-1"))
    block = (PROSE * 40 + "\n").encode()
    with (out / "big_50mb.txt").open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            fh.write(block)
    (out / "one_line_1mb.txt").write_text((PROSE.strip() + " ") * (1024 * 1024 // len(PROSE) + 1), encoding="utf-8")
    depth = 5000
    (out / "nested.html").write_text("<html><body>" + "<div>" * depth + PROSE + "</div>" * depth + "</body></html>")
    script = "<script>var x = '" + "a" * 200_000 + "';</script><style>" + "p{color:red}" * 5000 + "</style>"
    (out / "script_style.html").write_text(f"<html><head>{script}</head><body>{script}</body></html>")
    (out / "no_text_layer.pdf").write_bytes(pdf_from_stream(b"0 0 m 100 100 l S", font=False))
    (out / "truncated.pdf").write_bytes(pdf_from_stream(b"BT (text) Tj ET", font=False)[:90])
    lines = [
        json.dumps({"text": PROSE, "id": "lines.jsonl:1"}),
        "{this is not json",
        json.dumps({"text": ["not", "a", "string"]}),
        json.dumps("a bare string"),
        json.dumps({"text": PROSE.upper(), "id": "lines.jsonl:5", "published": 20240101}),
        '{"text": "half a pair \\ud800 of surrogates. ' + PROSE.strip() + '", "id": "lines.jsonl:6"}',
        json.dumps({"text": "nul\x00 bell\x07 " + PROSE, "id": "lines.jsonl:7"}),
        json.dumps({"text": "\u202e" + PROSE + "\u2067x\u2069", "id": "lines.jsonl:8", "title": "\u202eeltit"}),
    ]
    (out / "lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "malay.txt").write_text(
        "Menteri dari kedua-dua negara bertemu di ibu kota pada hari Selasa dan bersetuju untuk "
        "meluaskan kerjasama dalam bidang tenaga boleh baharu serta pertanian. Mereka akan "
        "mengadakan rundingan lagi pada tahun hadapan untuk membincangkan pelaburan.\n", encoding="utf-8")
    (out / "japanese.txt").write_text(
        "両国の外相は火曜日に首都で会談し、再生可能エネルギーと農業の分野で協力を拡大することで合意した。"
        "来年も協議を続ける予定だ。\n", encoding="utf-8")
    (out / "korean.txt").write_text(
        "양국 외교장관은 화요일 수도에서 만나 재생에너지와 농업 분야의 협력을 확대하기로 합의했다. "
        "두 나라는 내년에 다시 회담을 열 예정이다.\n", encoding="utf-8")
    (out / "arabic.txt").write_text(
        "التقى وزيرا خارجية البلدين يوم الثلاثاء في العاصمة واتفقا على توسيع التعاون في مجالي "
        "الطاقة المتجددة والزراعة، وسيعقدان محادثات جديدة العام المقبل.\n", encoding="utf-8")
    (out / "unknown.xyz").write_bytes(b"\x89PNG\r\n\x1a\n not an image really")
    paragraph = f"<p>{PROSE.strip()}</p>\n".encode()
    with (out / "big_50mb.html").open("wb") as fh:  # refused on its bytes, before any parsing
        fh.write(b"<html><body><article>")
        for _ in range(50 * 1024 * 1024 // len(paragraph) + 1):
            fh.write(paragraph)
        fh.write(b"</article></body></html>")
    spans = "<p>Chile and Peru agreed <b>to</b> expand trade.</p>" * 30_000  # 1.5 MB, 60,000 elements
    (out / "many_elements.html").write_text(f"<html><body><article>{spans}</article></body></html>")
    (out / "good.txt").write_text(PROSE, encoding="utf-8")  # the neighbour: always read
    return EXPECTED


if __name__ == "__main__":
    write(Path(sys.argv[1]))
