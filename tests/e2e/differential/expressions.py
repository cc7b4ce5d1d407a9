"""Random typed SQL expressions, each rendered twice: for Tributary and for SQLite.

Types are the generator's own: 'int' (INTEGER in SQLite, INT/BIGINT/LARGEINT in Tributary),
'dbl' (REAL / DOUBLE), 'dec' (REAL / DECIMAL: decimal literals and DECIMAL columns), 'str',
'date' ('YYYY-MM-DD' text / DATE) and 'bool' (0/1 in both). An expression is only built where
the two systems agree on its meaning; where they spell it differently it is translated (integer
DIV, MOD, concat, greatest/least, if, left/right, locate, date parts, round to integer, `<=>`).

Operators are written with as few parentheses as the precedence both systems share allows
(sometimes with redundant ones), so the parser's precedence is under test too; chains of
comparisons, where SQLite and MySQL disagree, are always parenthesised.

Magnitudes are tracked so that no integer overflows (SQLite would switch to REAL, Tributary would
wrap) and every double stays a multiple of 1/16 small enough to be summed exactly: then only
division and avg round, and their results are marked inexact: they are selected, never computed
on or compared (the comparison of results allows a relative 1e-9 for them). Decimal division and
avg round to the dividend's scale plus 4 in Tributary (MySQL's rule), so they carry tol='dec'
(absolute 1e-4).
"""
from differential.dataset import DATES, STRINGS

NUM = ("int", "dbl", "dec")
MAX_MAG = {"int": 10**12, "dbl": 10**7, "dec": 10**9}
MAX_ROWS = 10**5  # no relation the generator builds is larger; bounds what a sum can reach
LIKE_PATTERNS = ["a%", "%b", "_", "%a%", "a_", "%", "", "A%", "_b%", "%_c", "ab", "%a_a%", "b_c",
                 "x%", "_%_", "Z_"]
REPLACE_FROM = ["a", "b", "_", "%", "A", "ab"]
REPLACE_TO = ["", "x", "ab", "Q"]
INT_EDGES = [2147483647, -2147483648, 3000000000, -1]

# Binding strength, shared by MySQL and SQLite for the operators generated here.
OR, AND, NOT, CMP, ADD, MUL, ATOM = range(1, 8)


class Expr:
    """A typed expression. `tri` and `lite` are its texts for Tributary and SQLite; `prec` how
    tightly its outermost operator binds (ATOM: never needs parentheses); `mag` bounds its
    absolute value; `exact` is False for rounded results (division, avg); `tol` is 'dec' for
    values Tributary rounds to a few decimal places; `const` is True when no column is involved;
    `ndv` is a rough count of distinct values for plain column references (None: unknown)."""

    __slots__ = ("ty", "tri", "lite", "prec", "mag", "exact", "tol", "const", "ndv")

    def __init__(self, ty, tri, lite=None, prec=ATOM, mag=0, exact=True, tol=None, const=False,
                 ndv=None):
        self.ty, self.tri, self.lite, self.prec = ty, tri, tri if lite is None else lite, prec
        self.mag, self.exact, self.tol, self.const, self.ndv = mag, exact, tol, const, ndv


def num_type(*types):
    return "dbl" if "dbl" in types else "dec" if "dec" in types else "int"


def fits(ty, mag):
    return mag <= MAX_MAG.get(ty, float("inf"))


def operand(e, prec):
    """e's texts, parenthesised unless e binds at least as tightly as `prec`."""
    if e.prec >= prec:
        return e.tri, e.lite
    return "(%s)" % e.tri, "(%s)" % e.lite


def parenthesised(e):
    return Expr(e.ty, "(%s)" % e.tri, "(%s)" % e.lite, ATOM, e.mag, e.exact, e.tol, e.const,
                e.ndv)


def call(ty, name, args, lite_name=None, mag=0, **kw):
    """name(args) on both sides (lite_name if SQLite spells the function differently)."""
    return Expr(ty, "%s(%s)" % (name, ", ".join(a.tri for a in args)),
                "%s(%s)" % (lite_name or name, ", ".join(a.lite for a in args)),
                mag=mag, const=all(a.const for a in args), **kw)


def conjunction(exprs):
    """The texts of `e1 AND e2 ...`."""
    parts = [operand(e, AND) for e in exprs]
    return " AND ".join(t for t, _ in parts), " AND ".join(l for _, l in parts)


class ExprGen:
    """Builds expressions over `leaves` (column references, or in a grouped query the group
    keys). With `rows` set (an ExprGen over the rows being grouped), leaves may also be
    aggregate calls over those rows."""

    def __init__(self, rng, leaves, rows=None):
        self.rng, self.leaves, self.rows = rng, leaves, rows

    # ---- entry points ----

    def gen(self, ty, depth):
        """An exact expression of type `ty`."""
        r = self.rng
        if depth <= 0 or r.random() < 0.3:
            return self.leaf(ty, depth)
        for _ in range(4):
            e = getattr(self, "_" + ty)(depth)
            if e is not None and fits(ty, e.mag):
                return e
        return self.leaf(ty, depth)

    def top(self, ty, depth, allow_tol=True):
        """A select-list item of type `ty`: may also be a division or an avg (inexact); one
        that Tributary rounds (tol, typed 'dec') only if allow_tol."""
        r = self.rng
        if ty == "dbl" and r.random() < 0.15:
            e = self.division(depth)
        elif ty == "dbl" and self.rows is not None and r.random() < 0.3:
            e = self.avg()
        else:
            return self.gen(ty, depth)
        return e if allow_tol or not e.tol else self.gen(ty, depth)

    def pred(self, depth):
        return self.gen("bool", depth)

    def any_type(self, allow_bool=True):
        types = ["int"] * 5 + ["dbl"] * 2 + ["dec", "str", "str", "str", "date", "date"]
        return self.rng.choice(types + (["bool"] * 2 if allow_bool else []))

    def binary(self, ty, a, op, b, prec, lite_op=None, mag=0):
        """a op b, left-associative at `prec`; comparisons (CMP) never chain."""
        at, al = operand(a, prec + 1 if prec == CMP else prec)
        bt, bl = operand(b, prec if prec in (AND, OR) else prec + 1)
        e = Expr(ty, "%s %s %s" % (at, op, bt), "%s %s %s" % (al, lite_op or op, bl), prec,
                 mag=mag, const=a.const and b.const)
        return parenthesised(e) if self.rng.random() < 0.25 else e

    # ---- leaves and literals ----

    def leaf(self, ty, depth=0):
        r = self.rng
        if ty == "bool":
            return self.comparison(max(depth - 1, 0)) if r.random() < 0.9 else self.literal(ty)
        if r.random() < 0.03:
            return self.null(ty)
        if self.rows is not None and r.random() < 0.6:
            a = self.aggregate(ty)
            if a is not None:
                return a
        cands = [e for e in self.leaves if e.ty == ty and e.exact]
        if cands and r.random() < 0.85:
            return r.choice(cands)
        return self.literal(ty)

    def literal(self, ty):
        r = self.rng
        if ty == "int":
            v = r.choice([r.randint(-3, 3), r.randint(-25, 25), r.randint(0, 300),
                          r.choice(INT_EDGES) if r.random() < 0.2 else 0])
            return Expr("int", str(v), mag=abs(v), const=True)
        if ty in ("dbl", "dec"):
            v = r.randint(-80, 80) * 0.25
            text = repr(v)
            tri = "CAST(%s AS DOUBLE)" % text if ty == "dbl" else text
            return Expr(ty, tri, text, mag=abs(v), const=True)
        if ty == "str":
            return Expr("str", "'%s'" % r.choice(STRINGS + ["c", "abd", "Ab"]), const=True)
        if ty == "date":
            text = "'%s'" % r.choice(DATES + ["2023-01-01", "2024-12-31"])
            if r.random() < 0.2:
                return Expr("date", "CAST(%s AS DATE)" % text, text, const=True)
            return Expr("date", text, const=True)
        text = r.choice(["TRUE", "FALSE", "(1 = 1)", "(1 = 0)", "NULL"])
        return Expr("bool", text, const=True)

    def null(self, ty):
        return Expr(ty, "NULL", const=True)

    # ---- aggregates (only when self.rows is set) ----

    def aggregate(self, ty):
        """count / sum / min / max over self.rows with a result of type `ty` (None for bool)."""
        r, g = self.rng, self.rows
        kinds = {"int": ["count*", "count", "countd", "sum", "minmax", "minmax"],
                 "dbl": ["sum", "minmax"], "dec": ["sum", "minmax"],
                 "str": ["minmax"], "date": ["minmax"]}.get(ty)
        if kinds is None:
            return None
        kind = r.choice(kinds)
        if kind == "count*":
            return Expr("int", "count(*)", mag=MAX_ROWS)
        if kind in ("count", "countd"):
            arg = g.gen(g.any_type(allow_bool=kind == "count"), r.randint(0, 1))
            d = "DISTINCT " if kind == "countd" else ""
            return Expr("int", "count(%s%s)" % (d, arg.tri), "count(%s%s)" % (d, arg.lite),
                        mag=MAX_ROWS)
        arg = g.gen(ty, r.randint(0, 2))
        if kind == "sum":
            return call(ty, "sum", [arg], mag=arg.mag * MAX_ROWS)
        return call(ty, r.choice(["min", "max"]), [arg], mag=arg.mag)

    def avg(self):
        r, g = self.rng, self.rows
        ty = r.choice(["int", "int", "dbl", "dec"])
        arg = g.gen(ty, r.randint(0, 2))
        if ty == "dec":
            return call("dec", "avg", [arg], mag=arg.mag, exact=False, tol="dec")
        return call("dbl", "avg", [arg], mag=arg.mag, exact=False)

    def division(self, depth):
        r = self.rng
        a = self.gen(r.choice(NUM), depth - 1)
        b = self.gen(r.choice(NUM), depth - 1)
        ty = num_type(a.ty, b.ty)
        at, al = operand(a, MUL)
        bt, bl = operand(b, ATOM)
        # Tributary: int / int is DOUBLE; SQLite would truncate, so make one side REAL.
        tri, lite = "(%s / %s)" % (at, bt), "(CAST(%s AS REAL) / %s)" % (a.lite, bl)
        if ty == "dec":
            return Expr("dec", tri, lite, exact=False, tol="dec", const=a.const and b.const)
        return Expr("dbl", tri, lite, exact=False, const=a.const and b.const)

    # ---- productions shared by every type ----

    def conditional(self, ty, depth):
        r, d = self.rng, depth - 1
        kind = r.choice(["case", "case", "simple_case", "coalesce", "ifnull", "nullif", "if",
                         "greatest"])
        if ty == "bool" and kind in ("greatest", "nullif"):
            kind = "case"
        if kind == "case":
            whens = [(self.pred(d), self.gen(ty, d)) for _ in range(r.randint(1, 2))]
            other = self.gen(ty, d) if r.random() < 0.7 else None
            return self._case(ty, None, whens, other)
        if kind == "simple_case":
            subject_ty = r.choice(["int", "str"])
            subject = self.gen(subject_ty, d)
            whens = [(self.literal(subject_ty), self.gen(ty, d)) for _ in range(r.randint(1, 3))]
            other = self.gen(ty, d) if r.random() < 0.7 else None
            return self._case(ty, subject, whens, other)
        if kind == "if":
            p, a, b = self.pred(d), self.gen(ty, d), self.gen(ty, d)
            return Expr(ty, "if(%s, %s, %s)" % (p.tri, a.tri, b.tri),
                        "(CASE WHEN %s THEN %s ELSE %s END)" % (p.lite, a.lite, b.lite),
                        mag=max(a.mag, b.mag), const=p.const and a.const and b.const)
        if kind == "coalesce":
            args = [self.gen(ty, d) for _ in range(r.randint(2, 3))]
            if r.random() < 0.2:
                args.insert(0, self.null(ty))
            return call(ty, "coalesce", args, mag=max(a.mag for a in args))
        if kind == "greatest":
            args = [self.gen(ty, d) for _ in range(r.randint(2, 3))]
            name = r.choice(["greatest", "least"])
            return call(ty, name, args, {"greatest": "max", "least": "min"}[name],
                        mag=max(a.mag for a in args))
        args = [self.gen(ty, d), self.gen(ty, d)]
        return call(ty, kind, args, mag=max(a.mag for a in args))

    def _case(self, ty, subject, whens, other):
        parts_t = ["CASE"] + ([subject.tri] if subject else [])
        parts_l = ["CASE"] + ([subject.lite] if subject else [])
        for w, v in whens:
            parts_t += ["WHEN", w.tri, "THEN", v.tri]
            parts_l += ["WHEN", w.lite, "THEN", v.lite]
        if other is not None:
            parts_t += ["ELSE", other.tri]
            parts_l += ["ELSE", other.lite]
        values = [v for _, v in whens] + ([other] if other is not None else [])
        conds = [w for w, _ in whens] + ([subject] if subject else [])
        return Expr(ty, "%s END" % " ".join(parts_t), "%s END" % " ".join(parts_l),
                    mag=max(v.mag for v in values), const=all(e.const for e in values + conds))

    def arithmetic(self, ty, depth):
        """+, -, * or unary minus whose result has type `ty` (one of NUM)."""
        r, d = self.rng, depth - 1
        op = r.choice(["+", "-", "*", "*", "neg", "abs"])
        if op in ("neg", "abs"):
            a = self.gen(ty, d)
            if op == "abs":
                return call(ty, "abs", [a], mag=a.mag)
            # -(x), never "- x": "--" would start a comment.
            return Expr(ty, "-(%s)" % a.tri, "-(%s)" % a.lite, mag=a.mag, const=a.const)
        # Operand types whose combination yields ty.
        other = {"int": ["int"], "dbl": ["int", "dbl", "dec"], "dec": ["int", "dec"]}[ty]
        a = self.gen(ty, d)
        b = self.gen(r.choice(other), d)
        if r.random() < 0.5:
            a, b = b, a
        if op == "*":
            if "dec" in (a.ty, b.ty) and ty == "dec" and not (a.const or b.const or
                                                               "int" in (a.ty, b.ty)):
                return None  # DECIMAL * DECIMAL of computed values: scales grow fast
            return self.binary(ty, a, "*", b, MUL, mag=max(a.mag, 1) * max(b.mag, 1))
        return self.binary(ty, a, op, b, ADD, mag=a.mag + b.mag)

    # ---- per-type productions ----

    def _int(self, depth):
        r, d = self.rng, depth - 1
        kind = r.choice(["arith"] * 6 + ["cond"] * 2 + ["mod", "div", "length", "datepart",
                                                         "datediff", "round", "cast", "instr"])
        if kind == "arith":
            return self.arithmetic("int", depth)
        if kind == "cond":
            return self.conditional("int", depth)
        if kind in ("mod", "div"):
            a = self.gen("int", d)
            b = self.gen("int", d) if r.random() < 0.4 else self.literal("int")
            if kind == "div":
                return self.binary("int", a, "DIV", b, MUL, lite_op="/", mag=a.mag)
            if r.random() < 0.3:
                bt, bl = operand(b, ATOM)
                return Expr("int", "mod(%s, %s)" % (a.tri, b.tri),
                            "(%s %% %s)" % (operand(a, MUL)[1], bl), mag=a.mag,
                            const=a.const and b.const)
            return self.binary("int", a, r.choice(["%", "MOD"]), b, MUL, lite_op="%", mag=a.mag)
        if kind == "length":
            return call("int", r.choice(["length", "char_length"]), [self.gen("str", d)],
                        "length", mag=100)
        if kind == "instr":
            s, sub = self.gen("str", d), self.gen("str", d)
            if r.random() < 0.5:
                return call("int", "instr", [s, sub], mag=100)
            return Expr("int", "locate(%s, %s)" % (sub.tri, s.tri),
                        "instr(%s, %s)" % (s.lite, sub.lite), mag=100,
                        const=s.const and sub.const)
        if kind == "datepart":
            a = self.gen("date", d)
            part, fmt = r.choice([("year", "%Y"), ("month", "%m"), ("day", "%d"),
                                  ("dayofmonth", "%d"), ("dayofweek", "%w")])
            lite = "CAST(strftime('%s', %s) AS INTEGER)" % (fmt, a.lite)
            if part == "dayofweek":
                lite = "(%s + 1)" % lite  # MySQL: 1 = Sunday; strftime %w: 0 = Sunday
            return Expr("int", "%s(%s)" % (part, a.tri), lite, mag=3000, const=a.const)
        if kind == "datediff":
            a, b = self.gen("date", d), self.gen("date", d)
            return Expr("int", "datediff(%s, %s)" % (a.tri, b.tri),
                        "CAST(julianday(%s) - julianday(%s) AS INTEGER)" % (a.lite, b.lite),
                        mag=1000, const=a.const and b.const)
        if kind == "round":
            a = self.gen("dbl", d)
            fn = r.choice(["round", "floor", "ceil"])
            # Tributary returns BIGINT for these on a DOUBLE; SQLite a REAL.
            return Expr("int", "%s(%s)" % (fn, a.tri), "CAST(%s(%s) AS INTEGER)" % (fn, a.lite),
                        mag=a.mag + 1, const=a.const)
        a = self.gen("dbl", d)  # truncates toward zero on both sides
        return Expr("int", "CAST(%s AS BIGINT)" % a.tri, "CAST(%s AS INTEGER)" % a.lite,
                    mag=a.mag, const=a.const)

    def _dbl(self, depth):
        r = self.rng
        kind = r.choice(["arith"] * 4 + ["cond", "cast", "sign"])
        if kind == "arith":
            return self.arithmetic("dbl", depth)
        if kind == "cond":
            return self.conditional("dbl", depth)
        a = self.gen(r.choice(NUM) if kind == "sign" else "int", depth - 1)
        if kind == "sign":  # a DOUBLE in Tributary, an INTEGER in SQLite
            return call("dbl", "sign", [a], mag=1)
        if not fits("dbl", a.mag):
            return None
        return Expr("dbl", "CAST(%s AS DOUBLE)" % a.tri, "CAST(%s AS REAL)" % a.lite,
                    mag=a.mag, const=a.const)

    def _dec(self, depth):
        if self.rng.random() < 0.7:
            return self.arithmetic("dec", depth)
        return self.conditional("dec", depth)

    def _str(self, depth):
        r, d = self.rng, depth - 1
        kind = r.choice(["upper", "concat", "substr", "leftright", "trim", "replace", "cast",
                         "cond", "cond"])
        if kind == "upper":
            return call("str", r.choice(["upper", "lower"]), [self.gen("str", d)])
        if kind == "trim":
            return call("str", r.choice(["trim", "ltrim", "rtrim"]), [self.gen("str", d)])
        if kind == "concat":
            a, b = self.gen("str", d), self.gen("str", d)
            return Expr("str", "concat(%s, %s)" % (a.tri, b.tri), "(%s || %s)" % (a.lite, b.lite),
                        const=a.const and b.const)
        if kind == "substr":
            # Positions from 1: SQLite and MySQL differ for 0 and for negatives past the start.
            args = [self.gen("str", d), Expr("int", str(r.randint(1, 3)), const=True)]
            if r.random() < 0.6:
                args.append(Expr("int", str(r.randint(0, 3)), const=True))
            return call("str", r.choice(["substr", "substring"]), args, "substr")
        if kind == "leftright":
            s, n = self.gen("str", d), r.randint(1, 3)
            if r.random() < 0.5:
                return Expr("str", "left(%s, %d)" % (s.tri, n), "substr(%s, 1, %d)" % (s.lite, n),
                            const=s.const)
            return Expr("str", "right(%s, %d)" % (s.tri, n), "substr(%s, -%d)" % (s.lite, n),
                        const=s.const)
        if kind == "replace":
            args = [self.gen("str", d), Expr("str", "'%s'" % r.choice(REPLACE_FROM), const=True),
                    Expr("str", "'%s'" % r.choice(REPLACE_TO), const=True)]
            return call("str", "replace", args)
        if kind == "cast":
            a = self.gen(r.choice(["int", "int", "date"]), d)
            return Expr("str", "CAST(%s AS VARCHAR)" % a.tri, "CAST(%s AS TEXT)" % a.lite,
                        const=a.const)
        return self.conditional("str", depth)

    def _date(self, depth):
        return self.conditional("date", depth)

    def _bool(self, depth):
        r, d = self.rng, depth - 1
        kind = r.choice(["cmp", "cmp", "and", "or", "not", "in", "between", "null", "like",
                         "cond"])
        if kind in ("and", "or"):
            a, b = self.pred(d), self.pred(d)
            return self.binary("bool", a, kind.upper(), b, AND if kind == "and" else OR)
        if kind == "not":
            a = self.pred(d)
            at, al = operand(a, NOT)
            return Expr("bool", "NOT " + at, "NOT " + al, NOT, const=a.const)
        if kind == "cmp":
            return self.comparison(d)
        if kind == "in":
            ty = r.choice(["int", "int", "dbl", "dec", "str", "date"])
            x = self.gen(ty, d)
            items = [self.literal(ty) if r.random() < 0.8 else self.gen(ty, d - 1)
                     for _ in range(r.randint(1, 4))]
            if r.random() < 0.15:
                items.append(self.null(ty))
            op = r.choice(["IN", "IN", "NOT IN"])
            xt, xl = operand(x, ADD)
            return Expr("bool", "%s %s (%s)" % (xt, op, ", ".join(i.tri for i in items)),
                        "%s %s (%s)" % (xl, op, ", ".join(i.lite for i in items)), CMP,
                        const=x.const and all(i.const for i in items))
        if kind == "between":
            ty = r.choice(["int", "int", "dbl", "dec", "str", "date"])
            x = self.gen(ty, d)
            lo = self.gen(ty, d - 1) if r.random() < 0.3 else self.literal(ty)
            hi = self.gen(ty, d - 1) if r.random() < 0.3 else self.literal(ty)
            op = r.choice(["BETWEEN", "BETWEEN", "NOT BETWEEN"])
            (xt, xl), (lt, ll), (ht, hl) = (operand(e, ADD) for e in (x, lo, hi))
            return Expr("bool", "%s %s %s AND %s" % (xt, op, lt, ht),
                        "%s %s %s AND %s" % (xl, op, ll, hl), CMP,
                        const=x.const and lo.const and hi.const)
        if kind == "null":
            x = self.gen(self.any_type(), d)
            op = r.choice(["IS NULL", "IS NOT NULL"])
            xt, xl = operand(x, ADD)
            return Expr("bool", "%s %s" % (xt, op), "%s %s" % (xl, op), CMP, const=x.const)
        if kind == "like":
            x = self.gen("str", d)
            op = r.choice(["LIKE", "LIKE", "NOT LIKE"])
            pattern = "'%s'" % r.choice(LIKE_PATTERNS)
            xt, xl = operand(x, ADD)
            return Expr("bool", "%s %s %s" % (xt, op, pattern), "%s %s %s" % (xl, op, pattern),
                        CMP, const=x.const)
        return self.conditional("bool", depth)

    def comparison(self, depth):
        r = self.rng
        ty = r.choice(["int", "int", "int", "dbl", "dec", "str", "str", "date"])
        a = self.gen(ty, depth)
        if ty in NUM:
            b = self.gen(r.choice(NUM), depth) if r.random() < 0.5 else self.literal(ty)
        else:
            b = self.gen(ty, depth) if r.random() < 0.5 else self.literal(ty)
        op = r.choice(["=", "=", "<>", "!=", "<", "<=", ">", ">=", "<=>"])
        return self.binary("bool", a, op, b, CMP, lite_op="IS" if op == "<=>" else op)
