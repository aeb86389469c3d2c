"""Rewrite dbt SQL (Jinja templates) into the dialect DuckDB and Spark both accept. Re-runnable.

``python scripts/sql_one_dialect.py [--check] PATH...`` (files or folders; every ``*.sql`` under them):

- a trailing comma before ``from`` or a closing bracket (DuckDB accepts ``select a, b, from t``;
  Spark's parser does not) is removed. Between the comma and the ``from``/``)`` may stand
  whitespace, SQL comments, Jinja comments, ``{% set %}``/``{% do %}`` and the ends of Jinja
  blocks: ``{% endif %}`` (and ``{% else %}``/``{% elif %}``, continuing after the matching
  ``endif``) and ``{% endfor %}``. A comma that ends a loop's body is trailing only after the last
  iteration: it becomes ``{{ ',' if not loop.last }}``.
- the bare type name ``varchar`` (DuckDB's text type; Spark wants ``varchar(n)`` and calls it
  ``string``) becomes ``string``, which DuckDB reads as an alias of VARCHAR.

Only SQL text is touched: never SQL string literals, quoted names, SQL or Jinja comments, nor
anything inside ``{{ }}``/``{% %}`` (SQL that a macro builds in Jinja strings must be fixed by
hand). A comma whose follower depends on a condition (``{% if %}`` opens after it) is reported,
not changed. ``--check`` changes nothing and exits 1 when a file would change.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_JINJA_STRING = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*\"""", re.S)
_TAG_NAME = re.compile(r"\{%[-+]?\s*(\w+)")
LOOP_COMMA = "{{ ',' if not loop.last }}"


@dataclass
class Token:
    kind: str  # jinja_expr, jinja_stmt, jinja_comment, text
    text: str
    start: int

    @property
    def tag(self) -> str:
        match = _TAG_NAME.match(self.text)
        return match.group(1) if match else ""


def _jinja_end(source: str, start: int, closer: str) -> int:
    """Index after the ``closer`` ending the Jinja tag opened at ``start`` (Jinja strings skipped)."""
    i = start + 2
    while i < len(source):
        if closer != "#}" and source[i] in "'\"":
            match = _JINJA_STRING.match(source, i)
            if match:
                i = match.end()
                continue
        if source.startswith(closer, i):
            return i + 2
        i += 1
    raise ValueError(f"unclosed Jinja tag at offset {start}")


def jinja_tokens(source: str) -> list[Token]:
    """The template as Jinja tags and the text between them (one token per character of text)."""
    tokens: list[Token] = []
    i = 0
    closers = {"{{": ("jinja_expr", "}}"), "{%": ("jinja_stmt", "%}"), "{#": ("jinja_comment", "#}")}
    while i < len(source):
        opener = source[i : i + 2]
        if opener in closers:
            kind, closer = closers[opener]
            end = _jinja_end(source, i, closer)
            tokens.append(Token(kind, source[i:end], i))
            i = end
        else:
            tokens.append(Token("text", source[i], i))
            i += 1
    return tokens


@dataclass
class Lexeme:
    """A piece of the template as SQL sees it: code (one char or one word), a literal, a comment or a Jinja tag."""

    kind: str  # word, char, literal, comment, jinja_expr, jinja_stmt, jinja_comment
    tokens: list[int]  # indexes into the Jinja token list

    def text(self, tokens: list[Token]) -> str:
        return "".join(tokens[i].text for i in self.tokens)


def sql_lexemes(tokens: list[Token]) -> list[Lexeme]:
    """SQL lexing over Jinja tokens: a Jinja tag inside a literal or comment belongs to it."""
    out: list[Lexeme] = []
    i = 0

    def ch(k: int) -> str:
        return tokens[k].text if k < len(tokens) and tokens[k].kind == "text" else ""

    while i < len(tokens):
        tok = tokens[i]
        if tok.kind != "text":
            out.append(Lexeme(tok.kind, [i]))
            i += 1
            continue
        c = tok.text
        if c in "'\"`":
            j = i + 1
            while j < len(tokens):
                if ch(j) == "\\" and c == "'":
                    j += 2
                    continue
                if ch(j) == c:
                    if ch(j + 1) == c:
                        j += 2
                        continue
                    break
                j += 1
            out.append(Lexeme("literal", list(range(i, min(j + 1, len(tokens))))))
            i = j + 1
        elif c == "-" and ch(i + 1) == "-":
            j = i
            while j < len(tokens) and ch(j) != "\n":
                j += 1
            out.append(Lexeme("comment", list(range(i, j))))
            i = j
        elif c == "/" and ch(i + 1) == "*":
            j = i + 2
            while j < len(tokens) and not (ch(j) == "*" and ch(j + 1) == "/"):
                j += 1
            out.append(Lexeme("comment", list(range(i, min(j + 2, len(tokens))))))
            i = j + 2
        elif _WORD.match(c):
            j = i
            while j < len(tokens) and ch(j) and (ch(j).isalnum() or ch(j) == "_"):
                j += 1
            out.append(Lexeme("word", list(range(i, j))))
            i = j
        else:
            out.append(Lexeme("char", [i]))
            i += 1
    return out


TRANSPARENT_TAGS = {"set", "do", "endset"}


@dataclass
class Finding:
    line: int
    action: str  # removed, loop, varchar, unsure


def _line(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


def _block_end(lexemes: list[Lexeme], tokens: list[Token], k: int, opener: str, closer: str) -> int:
    """Index of the ``closer`` tag ending the block that lexeme ``k`` is in or opens (``k`` itself not counted)."""
    depth = 0
    for m in range(k + 1, len(lexemes)):
        if lexemes[m].kind != "jinja_stmt":
            continue
        tag = tokens[lexemes[m].tokens[0]].tag
        if tag == opener:
            depth += 1
        elif tag == closer:
            if depth == 0:
                return m
            depth -= 1
    raise ValueError(f"no {closer} after offset {tokens[lexemes[k].tokens[0]].start}")


def _branches(lexemes: list[Lexeme], tokens: list[Token], k: int) -> list[int]:
    """The lexemes that start each branch of the if block opened at ``k``, and the one after its endif."""
    starts = [k + 1]
    depth = 0
    for m in range(k + 1, len(lexemes)):
        if lexemes[m].kind != "jinja_stmt":
            continue
        tag = tokens[lexemes[m].tokens[0]].tag
        if tag == "if":
            depth += 1
        elif tag == "endif":
            if depth == 0:
                has_else = any(tokens[lexemes[s - 1].tokens[0]].tag == "else" for s in starts[1:])
                return starts + ([] if has_else else [m + 1])
            depth -= 1
        elif tag in ("else", "elif") and depth == 0:
            starts.append(m + 1)
    raise ValueError("unclosed if")


def _next_significant(lexemes: list[Lexeme], tokens: list[Token], m: int) -> int:
    """The index of the first lexeme from ``m`` on that is not blank or a comment (``len`` if none)."""
    while m < len(lexemes):
        lex = lexemes[m]
        if not (lex.kind in ("comment", "jinja_comment") or (lex.kind == "char" and lex.text(tokens).isspace())):
            break
        m += 1
    return m


def _followers(lexemes: list[Lexeme], tokens: list[Token], m: int, crossed: int = 0) -> set[tuple[str, int]]:
    """What SQL can follow, from lexeme ``m`` on, on every path through the Jinja blocks (a loop is
    taken to run at least once): {('trailing' | 'other' | 'unsure', endfors crossed), ...}."""
    while (m := _next_significant(lexemes, tokens, m)) < len(lexemes):
        lex = lexemes[m]
        text = lex.text(tokens)
        if lex.kind == "jinja_stmt":
            tag = tokens[lex.tokens[0]].tag
            if tag in TRANSPARENT_TAGS or tag == "endif":
                m += 1
            elif tag in ("else", "elif"):
                m = _block_end(lexemes, tokens, m, "if", "endif") + 1
            elif tag == "endfor":
                crossed += 1
                m += 1
            elif tag == "if":
                found: set[tuple[str, int]] = set()
                for start in _branches(lexemes, tokens, m):
                    found |= _followers(lexemes, tokens, start, crossed)
                return found
            elif tag == "for":
                m += 1
            else:
                return {("unsure", crossed)}
            continue
        if (lex.kind == "char" and text == ")") or (lex.kind == "word" and text.lower() == "from"):
            return {("trailing", crossed)}
        return {("other", crossed)}
    return {("other", crossed)}


def _comma_follower(lexemes: list[Lexeme], tokens: list[Token], k: int) -> tuple[str, int]:
    """What the SQL after the comma at lexeme ``k`` is: ('trailing'|'other'|'unsure', endfors crossed)."""
    found = _followers(lexemes, tokens, k + 1)
    kinds = {kind for kind, _ in found}
    if kinds == {"other"}:
        return "other", 0
    if kinds == {"trailing"} and len(found) == 1:
        return "trailing", next(iter(found))[1]
    return "unsure", 0


def _comma_ends_loop_body(lexemes: list[Lexeme], tokens: list[Token], k: int) -> bool:
    """True when the comma at ``k`` is followed (blanks and comments only) by an ``endfor`` of its own loop."""
    m = _next_significant(lexemes, tokens, k + 1)
    return m < len(lexemes) and lexemes[m].kind == "jinja_stmt" and tokens[lexemes[m].tokens[0]].tag == "endfor"


def _guarded_by_loop_last(lexemes: list[Lexeme], tokens: list[Token], k: int) -> bool:
    """True when the comma at ``k`` sits in ``{% if not loop.last %}`` (written for the loop already)."""
    depth = 0
    for m in range(k - 1, -1, -1):
        if lexemes[m].kind != "jinja_stmt":
            continue
        tag = tokens[lexemes[m].tokens[0]].tag
        if tag in ("endif", "endfor"):
            depth += 1
        elif tag in ("if", "for"):
            if depth == 0:
                return re.search(r"\bif\s+not\s+loop\.last\b", lexemes[m].text(tokens)) is not None
            depth -= 1
    return False


def rewrite(source: str) -> tuple[str, list[Finding]]:
    tokens = jinja_tokens(source)
    lexemes = sql_lexemes(tokens)
    replacements: dict[int, str] = {}  # token index -> new text
    findings: list[Finding] = []
    for k, lex in enumerate(lexemes):
        text = lex.text(tokens)
        offset = tokens[lex.tokens[0]].start
        if lex.kind == "word" and text.lower() == "varchar":
            m = _next_significant(lexemes, tokens, k + 1)
            sized = m < len(lexemes) and lexemes[m].text(tokens) == "("
            if not sized:
                for n, index in enumerate(lex.tokens):
                    replacements[index] = "string" if n == 0 else ""
                findings.append(Finding(_line(source, offset), "varchar"))
        elif lex.kind == "char" and text == ",":
            follower, crosses_endfor = _comma_follower(lexemes, tokens, k)
            if follower == "other" or _guarded_by_loop_last(lexemes, tokens, k):
                continue
            if follower == "unsure":
                findings.append(Finding(_line(source, offset), "unsure"))
                continue
            if crosses_endfor:
                if crosses_endfor == 1 and _comma_ends_loop_body(lexemes, tokens, k):
                    replacements[lex.tokens[0]] = LOOP_COMMA
                    findings.append(Finding(_line(source, offset), "loop"))
                else:
                    findings.append(Finding(_line(source, offset), "unsure"))
                continue
            replacements[lex.tokens[0]] = ""
            findings.append(Finding(_line(source, offset), "removed"))
    result = "".join(replacements.get(i, tok.text) for i, tok in enumerate(tokens))
    return result, findings


def sql_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        files.extend(sorted(path.rglob("*.sql")) if path.is_dir() else [path])
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when a file would change")
    args = parser.parse_args(argv)
    changed = unsure = 0
    counts = {"removed": 0, "loop": 0, "varchar": 0, "unsure": 0}
    for path in sql_files(args.paths):
        source = path.read_text()
        result, findings = rewrite(source)
        for finding in findings:
            counts[finding.action] += 1
            if finding.action == "unsure":
                unsure += 1
                print(f"{path}:{finding.line}: comma before a condition: check by hand", file=sys.stderr)
            elif args.check:
                print(f"{path}:{finding.line}: {finding.action}")
        if result != source:
            changed += 1
            if not args.check:
                path.write_text(result)
    verb = "would change" if args.check else "changed"
    print(
        f"{verb} {changed} files: {counts['removed']} trailing commas removed, {counts['loop']} loop commas, "
        f"{counts['varchar']} varchar -> string, {counts['unsure']} to check by hand"
    )
    return 1 if (args.check and changed) or unsure else 0


if __name__ == "__main__":
    sys.exit(main())
