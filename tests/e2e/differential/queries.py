"""Random SELECT statements over the dataset's tables, rendered for Tributary and for SQLite.

Shapes: projections with filters and DISTINCT; GROUP BY zero to three keys (by expression,
position or alias) with count / count(DISTINCT) / sum / min / max / avg, HAVING, DISTINCT;
INNER, LEFT, RIGHT and comma joins on an equality (sometimes with an extra ON condition), of two
or three relations; subqueries in FROM (also joined, also top-N); UNION [ALL] with two or three
branches; ORDER BY by position, alias or expression (also by expressions not selected, and by
aggregates), ASC/DESC, NULLS FIRST/LAST; LIMIT / OFFSET.

Every Query says how its results may be compared: 'seq' when its ORDER BY sorts on every output
column (a total order: equal rows are indistinguishable), so LIMIT / OFFSET are deterministic;
'bag' otherwise. An unordered LIMIT is checked as `limit`: the row count and that every row is in
the unlimited result. At most one output column holds values Tributary rounds (tol): with two,
the rows of both sides could not be lined up by sorting.
"""
import re

from differential.expressions import CMP, Expr, ExprGen, conjunction

JOIN_ROWS_LIMIT = 20000  # estimated; keeps fetched results and run time small
NESTED_LOOP_LIMIT = 2 * 10**6  # SQLite joins on expressions by looping over both sides
UNKNOWN_NDV = 20
AGGREGATE_CALL = re.compile(r"\b(count|sum|min|max|avg)\(")  # greatest/least keep their names


class Relation:
    """A FROM clause: its texts, the column references it exposes and its estimated size.
    `where` holds conditions (Exprs) a comma join moved into WHERE."""

    def __init__(self, tri, lite, leaves, rows, where=(), single_table=None, joined=False):
        self.tri, self.lite, self.leaves, self.rows = tri, lite, leaves, rows
        self.where, self.single_table, self.joined = list(where), single_table, joined


class Query:
    def __init__(self, tri, lite, out, rows, order="bag", limit=None):
        self.tri, self.lite, self.out, self.rows = tri, lite, out, rows
        self.order = order  # 'seq' or 'bag'
        self.limit = limit  # (n, SQLite text without the LIMIT) for an unordered LIMIT


class QueryGen:
    def __init__(self, rng, tables):
        self.rng, self.tables = rng, tables
        self.aliases = 0

    def alias(self, prefix):
        self.aliases += 1
        return "%s%d" % (prefix, self.aliases)

    def top(self):
        """One top-level query."""
        self.aliases = 0
        return self.query(0, "o", None, "top")

    def query(self, depth, names, sig, role):
        """role: 'top' (the statement), 'derived' (a subquery in FROM) or 'branch' (of a
        UNION). Derived tables and branches produce the column types `sig` and no booleans.
        Output columns are named names0, names1, ... where they are named."""
        r = self.rng
        if role != "branch" and depth < 2 and r.random() < 0.12:
            return self.union(depth, names, sig, role)
        rel = self.relation(depth)
        build = self.aggregate_select if r.random() < 0.55 else self.plain_select
        return build(rel, names, sig, role)

    def signature(self):
        r = self.rng
        return [r.choice(["int", "int", "dbl", "dec", "str", "str", "date"])
                for _ in range(r.randint(1, 3))]

    # ---- FROM ----

    def base(self):
        t = self.rng.choice(self.tables)
        a = self.alias("x")
        leaves = [Expr(c.ty, "%s.%s" % (a, c.name), mag=c.mag, ndv=c.ndv) for c in t.columns]
        return Relation("%s AS %s" % (t.name, a), "%s AS %s" % (t.name, a), leaves,
                        t.row_count, single_table=t)

    def derived(self, depth):
        # Unique column names: an alias equal to a column name of the FROM clause resolves
        # differently in MySQL and SQLite.
        names = self.alias("c") + "_"
        q = self.query(depth + 1, names, self.signature(), "derived")
        a = self.alias("q")
        leaves = [Expr(o.ty, "%s.%s%d" % (a, names, i), mag=o.mag, exact=o.exact, tol=o.tol,
                       ndv=o.ndv) for i, o in enumerate(q.out)]
        return Relation("(%s) AS %s" % (q.tri, a), "(%s) AS %s" % (q.lite, a), leaves, q.rows)

    def relation(self, depth):
        r = self.rng
        rel = self.derived(depth) if depth < 2 and r.random() < 0.15 else self.base()
        if depth < 2 and r.random() < 0.35:
            rel = self.join(rel, depth, allow_comma=True)
            if not rel.where and r.random() < 0.25:  # after a comma join, ON could not see
                rel = self.join(rel, depth, allow_comma=False)  # its left side
        return rel

    def join(self, left, depth, allow_comma):
        r = self.rng
        right = self.derived(depth) if depth < 1 and r.random() < 0.2 else self.base()
        on = self.join_condition(left, right)
        if on is None:
            return left
        on, rows = on
        if r.random() < 0.3:
            on.append(ExprGen(r, left.leaves + right.leaves).pred(1))
        # SQLite 3.40 loses the rows of `a JOIN b ON <constant false> RIGHT JOIN c`: a RIGHT
        # JOIN only ever joins two relations.
        kind = r.choice(["JOIN", "INNER JOIN", "LEFT JOIN", "LEFT JOIN", "LEFT OUTER JOIN"]
                        + ([] if left.joined else ["RIGHT JOIN"])
                        + ([","] * 2 if allow_comma else []))
        leaves = left.leaves + right.leaves
        if kind == ",":
            return Relation("%s, %s" % (left.tri, right.tri), "%s, %s" % (left.lite, right.lite),
                            leaves, rows, left.where + on, joined=True)
        if kind.startswith("LEFT"):
            rows = max(rows, left.rows)
        elif kind.startswith("RIGHT"):
            rows = max(rows, right.rows)
        on_t, on_l = conjunction(on)
        return Relation("%s %s %s ON %s" % (left.tri, kind, right.tri, on_t),
                        "%s %s %s ON %s" % (left.lite, kind, right.lite, on_l),
                        leaves, rows, left.where, joined=True)

    def join_condition(self, left, right):
        """([conditions], estimated rows) joining the two, or None when every way to join
        them would give too many rows. Mostly an equality of columns, sometimes of
        expressions, sometimes no equality at all (a comparison, or TRUE)."""
        r = self.rng
        product = left.rows * right.rows
        kind = r.choice(["column"] * 14 + ["expression"] * 3 + ["compare", "true"])
        if kind == "expression" and product > NESTED_LOOP_LIMIT:
            kind = "column"
        if kind in ("compare", "true"):
            if product > JOIN_ROWS_LIMIT:
                kind = "column"
            elif kind == "true":
                return [Expr("bool", "TRUE", const=True)], product
            else:
                ty = r.choice(["int", "str", "date"])
                a = ExprGen(r, left.leaves).gen(ty, 1)
                b = ExprGen(r, right.leaves).gen(ty, 1)
                op = r.choice(["<", "<=", ">", ">=", "<>"])
                return [ExprGen(r, []).binary("bool", a, op, b, CMP)], product
        pairs = []
        for a in left.leaves:
            for b in right.leaves:
                if not (a.exact and b.exact) or a.ty != b.ty or a.ty not in ("int", "str", "date"):
                    continue
                rows = product / max(a.ndv or UNKNOWN_NDV, b.ndv or UNKNOWN_NDV)
                rows = max(rows, min(left.rows, right.rows))  # a self-join matches every row
                if rows * (2 if kind == "expression" else 1) <= JOIN_ROWS_LIMIT:
                    pairs.append((a, b, rows))
        if not pairs:
            return None
        a, b, rows = r.choice(pairs)
        if kind == "expression":  # hash keys computed from the row
            a, b = self.key_expression(a), self.key_expression(b)
        if r.random() < 0.5:
            a, b = b, a
        return [ExprGen(r, []).binary("bool", a, "=", b, CMP)], rows

    def key_expression(self, e):
        """An expression of column e that keeps about as many distinct values."""
        r = self.rng
        k = r.randint(1, 3)
        forms = {"int": ["%s + {k}", "%s - {k}", "{k} - %s", "-(%s)", "%s * {k}", "abs(%s)"],
                 "str": ["upper(%s)", "lower(%s)", "concat(%s, 'x')", "coalesce(%s, 'n')"],
                 "date": ["coalesce(%s, '2024-01-01')", "greatest(%s, '2023-12-20')"]}[e.ty]
        form = r.choice(forms).replace("{k}", str(k))
        lite = (form.replace("concat(%s, 'x')", "(%s || 'x')")
                .replace("greatest(", "max("))
        prec = 5 if "+" in form or "- " in form else 6 if "*" in form else 7
        return Expr(e.ty, form % e.tri, lite % e.lite, prec, mag=e.mag * 3 + 3)

    def where_clause(self, rel, gen, probability=0.7):
        conds = list(rel.where)
        if self.rng.random() < probability:
            conds.append(gen.pred(self.rng.randint(1, 3)))
        if not conds:
            return "", ""
        t, l = conjunction(conds)
        return " WHERE " + t, " WHERE " + l

    # ---- SELECT ----

    def items_sql(self, items, names, aliased):
        t, l = [], []
        for i, e in enumerate(items):
            suffix = " AS %s%d" % (names, i) if aliased else ""
            t.append(e.tri + suffix)
            l.append(e.lite + suffix)
        return ", ".join(t), ", ".join(l)

    def plain_select(self, rel, names, sig, role, tol_slot=None):
        r = self.rng
        gen = ExprGen(r, rel.leaves)
        star = sig is None and rel.single_table is not None and r.random() < 0.05
        if star:
            items = rel.leaves
            cols_t = cols_l = "*"
            aliased = False
        else:
            types = sig or [gen.any_type() for _ in range(r.randint(1, 4))]
            slot = r.randrange(len(types)) if tol_slot is None else tol_slot
            items = [gen.top(ty, r.randint(0, 3), i == slot) for i, ty in enumerate(types)]
            aliased = role != "top" or r.random() < 0.4
            cols_t, cols_l = self.items_sql(items, names, aliased)
        # DISTINCT on values Tributary rounds would merge what SQLite keeps apart.
        distinct = "DISTINCT " if r.random() < 0.15 and not any(e.tol for e in items) else ""
        where_t, where_l = self.where_clause(rel, gen)
        body_t = "SELECT %s%s FROM %s%s" % (distinct, cols_t, rel.tri, where_t)
        body_l = "SELECT %s%s FROM %s%s" % (distinct, cols_l, rel.lite, where_l)
        return self.finish(body_t, body_l, items, names if aliased else None, rel.rows, role,
                           extra_order=None if distinct else gen)

    def aggregate_select(self, rel, names, sig, role, tol_slot=None):
        r = self.rng
        rows_gen = ExprGen(r, rel.leaves)
        keys, seen = [], set()
        for _ in range(r.choice([0, 1, 1, 1, 2, 2, 3])):
            ty = r.choice(["int", "int", "str", "str", "date", "bool", "dbl", "dec"])
            k = rows_gen.gen(ty, r.choice([0, 0, 0, 1, 2]))
            if not k.const and k.exact and k.tri not in seen:
                seen.add(k.tri)
                keys.append(k)
        gen = ExprGen(r, keys, rows=rows_gen)
        types = sig or [gen.any_type() for _ in range(r.randint(1, 3))]
        slot = r.randrange(len(types)) if tol_slot is None else tol_slot
        items = [gen.top(ty, r.randint(0, 2), i == slot) for i, ty in enumerate(types)]
        if not keys and not any(AGGREGATE_CALL.search(e.tri) for e in items):
            items[0] = self.aggregated(gen, items[0].ty)  # else it would not be grouped at all
        if not sig:
            for k in keys:
                items.insert(r.randint(0, len(items)), k)
        aliased = role != "top" or r.random() < 0.4
        cols_t, cols_l = self.items_sql(items, names, aliased)
        where_t, where_l = self.where_clause(rel, rows_gen, 0.5)
        group_t, group_l = [], []
        for k in keys:
            pos = next((i for i, e in enumerate(items) if e is k), None)
            how = r.choice(["expr", "expr", "pos", "alias"]) if pos is not None else "expr"
            if how == "pos":
                group_t.append(str(pos + 1))
                group_l.append(str(pos + 1))
            elif how == "alias" and aliased and role == "top":  # o<n> names no column
                group_t.append("%s%d" % (names, pos))
                group_l.append("%s%d" % (names, pos))
            else:
                group_t.append(k.tri)
                group_l.append(k.lite)
        distinct = "DISTINCT " if r.random() < 0.1 and not any(e.tol for e in items) else ""
        body_t = "SELECT %s%s FROM %s%s" % (distinct, cols_t, rel.tri, where_t)
        body_l = "SELECT %s%s FROM %s%s" % (distinct, cols_l, rel.lite, where_l)
        if keys:
            body_t += " GROUP BY " + ", ".join(group_t)
            body_l += " GROUP BY " + ", ".join(group_l)
        if r.random() < 0.25:
            p = gen.pred(r.randint(1, 2))
            body_t += " HAVING " + p.tri
            body_l += " HAVING " + p.lite
        rows = 1  # an upper bound: a computed key may take as many values as there are rows
        for k in keys:
            rows *= k.ndv or rel.rows
        rows = min(rows, rel.rows) if keys else 1
        return self.finish(body_t, body_l, items, names if aliased else None, rows, role,
                           extra_order=None if distinct else gen)

    def aggregated(self, gen, ty):
        """A select item of type `ty` that calls an aggregate."""
        for _ in range(20):
            e = gen.top(ty, 1, allow_tol=False)
            if AGGREGATE_CALL.search(e.tri):
                return e
        if ty == "bool":
            return Expr("bool", "count(*) > 0", prec=4)
        return gen.aggregate(ty)

    def union(self, depth, names, sig, role):
        r = self.rng
        sig = sig or self.signature()
        bodies_t, bodies_l, rows, branches = [], [], 0, []
        tol_slot = r.randrange(len(sig))
        for i in range(r.choice([2, 2, 2, 3])):
            rel = self.relation(depth + 1)
            build = self.aggregate_select if r.random() < 0.4 else self.plain_select
            q = build(rel, names if i == 0 else "z", sig, "branch", tol_slot)
            bodies_t.append(q.tri)
            bodies_l.append(q.lite)
            rows += q.rows
            branches.append(q.out)
        op = r.choice([" UNION ALL ", " UNION ALL ", " UNION ALL ", " UNION "])
        out = []  # a column is as inexact as its least exact branch
        for column in zip(*branches):
            e = column[0]
            out.append(Expr(e.ty, e.tri, e.lite, e.prec, mag=max(c.mag for c in column),
                            exact=all(c.exact for c in column),
                            tol=next((c.tol for c in column if c.tol), None)))
        if any(e.tol for e in out):
            op = " UNION ALL "
        return self.finish(op.join(bodies_t), op.join(bodies_l), out, names, rows, role,
                           extra_order=None, union=True)

    # ---- ORDER BY / LIMIT ----

    def finish(self, body_t, body_l, items, names, rows, role, extra_order, union=False):
        """Adds ORDER BY / LIMIT. A union branch gets neither; a derived table only a top-N (a
        total order with LIMIT); `extra_order` (an ExprGen) allows ordering by other
        expressions."""
        r = self.rng
        out = list(items)
        if role == "branch":
            return Query(body_t, body_l, out, rows)
        # Values Tributary rounds (tol) may tie there and not in SQLite: sorting on them is
        # checked as a multiset, and never cut by LIMIT.
        exact = all(e.tol is None for e in items)
        derived = role == "derived"
        if derived:
            mode = "total" if exact and r.random() < 0.15 else "none"
        else:
            mode = r.choice(["none", "none", "total", "total", "total", "partial", "limit"])
            if mode == "partial" and extra_order is None:
                mode = "total"
            if mode == "limit" and not exact:
                mode = "partial" if extra_order else "none"
        if mode == "none":
            return Query(body_t, body_l, out, rows)
        if mode == "limit":
            n = r.randint(0, 12)
            return Query("%s LIMIT %d" % (body_t, n), "%s LIMIT %d" % (body_l, n), out,
                         min(rows, n), limit=(n, body_l))
        keys_t, keys_l = [], []
        if mode == "total":
            for i, e in enumerate(items):
                how = r.choice(["pos", "alias", "expr"])
                if how == "alias" and names:
                    kt = kl = "%s%d" % (names, i)
                elif how == "expr" and not union and not e.const:
                    kt, kl = e.tri, e.lite
                else:
                    kt = kl = str(i + 1)
                keys_t.append(kt)
                keys_l.append(kl)
            order = list(range(len(items)))
            r.shuffle(order)
        else:
            for _ in range(r.randint(1, 2)):
                e = extra_order.gen(extra_order.any_type(), r.randint(0, 2))
                if e.const:  # ORDER BY 2 would name a position
                    continue
                keys_t.append(e.tri)
                keys_l.append(e.lite)
            order = list(range(len(keys_t)))
            if not order:
                return Query(body_t, body_l, out, rows)
        clause_t, clause_l = [], []
        for i in order:
            direction = r.choice(["", " ASC", " DESC"])
            if r.random() < 0.2:
                direction += r.choice([" NULLS FIRST", " NULLS LAST"])
            clause_t.append(keys_t[i] + direction)
            clause_l.append(keys_l[i] + direction)
        body_t += " ORDER BY " + ", ".join(clause_t)
        body_l += " ORDER BY " + ", ".join(clause_l)
        if mode == "partial" or not exact:
            return Query(body_t, body_l, out, rows)
        if r.random() < 0.6 or derived:
            n = r.randint(0, 15)
            limit = " LIMIT %d" % n
            if r.random() < 0.4:
                limit += " OFFSET %d" % r.randint(0, 10)
            body_t += limit
            body_l += limit
            rows = min(rows, n)
        return Query(body_t, body_l, out, rows, order="seq")
