/* test_expr.c - the config's expression language (expr.h) on its own:
 * compile_expr's postfix program for each precedence level, associativity,
 * the prefix operators, the kinds of operand, and every problem it reports.
 * The expected programs are written by hand from the grammar in expr.h and
 * docs/config.md ("Expressions"). */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "expr.h"

static struct ko_config *cfg;

/* A config to own the programs: an empty file, whose problems (no [study])
 * are left aside. */
static int setup(void **state)
{
	struct ko_err err;

	(void)state;
	ko_config_parse(&cfg, "", "t.ini", &err);
	return cfg ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	ko_config_free(cfg);
	return 0;
}

static const char *op_text(enum ko_expr_op op)
{
	static const char *const text[] = {
		[KO_EX_NEG] = "neg", [KO_EX_NOT] = "not", [KO_EX_ADD] = "+",
		[KO_EX_SUB] = "-", [KO_EX_MUL] = "*", [KO_EX_DIV] = "/",
		[KO_EX_EQ] = "=", [KO_EX_NE] = "!=", [KO_EX_LT] = "<",
		[KO_EX_LE] = "<=", [KO_EX_GT] = ">", [KO_EX_GE] = ">=",
		[KO_EX_AND] = "and", [KO_EX_OR] = "or",
	};

	return text[op];
}

/* The postfix program of text, its nodes separated by spaces ("a 1 +"),
 * or "! MESSAGE" with the problem compile_expr reported. */
static const char *postfix(const char *text)
{
	static char buf[4096];
	struct ko_expr ex = {NULL, 0};
	size_t n0 = cfg->n_problems, i, len = 0;

	buf[0] = '\0';
	if (compile_expr(cfg, text, 7, "expr", &ex)) {
		assert_int_equal(cfg->n_problems, n0 + 1);
		assert_int_equal(cfg->problems[n0].line, 7);
		snprintf(buf, sizeof(buf), "! %s", cfg->problems[n0].msg);
		return buf;
	}
	assert_int_equal(cfg->n_problems, n0);
	for (i = 0; i < ex.n && len < sizeof(buf) - 64; i++) {
		const struct ko_expr_node *nd = &ex.nodes[i];

		if (i)
			buf[len++] = ' ';
		if (nd->op == KO_EX_NUM)
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%g",
						nd->num);
		else if (nd->op == KO_EX_STR)
			len += (size_t)snprintf(buf + len, sizeof(buf) - len,
						"\"%s\"", nd->str);
		else if (nd->op == KO_EX_VAR)
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s",
						nd->str);
		else
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s",
						op_text(nd->op));
	}
	return buf;
}

/* Loosest to tightest: or, and, not, comparison, + -, * /, operands. */
static void test_precedence(void **state)
{
	(void)state;
	assert_string_equal(postfix("a or b and c"), "a b c and or");
	assert_string_equal(postfix("a and b or c"), "a b and c or");
	assert_string_equal(postfix("not a and b"), "a not b and");
	assert_string_equal(postfix("not a = 1"), "a 1 = not");
	assert_string_equal(postfix("a + 1 < b * 2"), "a 1 + b 2 * <");
	assert_string_equal(postfix("a + b * c"), "a b c * +");
	assert_string_equal(postfix("a * b + c"), "a b * c +");
	assert_string_equal(postfix("a or b and not c == 1 + 2 * 3"),
			    "a b c 1 2 3 * + = not and or");
	assert_string_equal(postfix("(a or b) and c"), "a b or c and");
	assert_string_equal(postfix("(a + b) * c"), "a b + c *");
}

/* + - * / and and/or chain to the left; a comparison takes one operator. */
static void test_associativity(void **state)
{
	(void)state;
	assert_string_equal(postfix("a - b - c"), "a b - c -");
	assert_string_equal(postfix("a / b * c"), "a b / c *");
	assert_string_equal(postfix("a - b + c"), "a b - c +");
	assert_string_equal(postfix("a or b or c"), "a b or c or");
	assert_string_equal(postfix("a and b and c"), "a b and c and");
	assert_string_equal(postfix("a < b < c"),
			    "! expr: unexpected text after the expression at '< c'");
	assert_string_equal(postfix("a = (b < c)"), "a b c < =");
}

/* 'not' and unary minus nest; minus binds tighter than any binary
 * operator. */
static void test_prefix(void **state)
{
	(void)state;
	assert_string_equal(postfix("not not a"), "a not not");
	assert_string_equal(postfix("-a"), "a neg");
	assert_string_equal(postfix("- -a"), "a neg neg");
	assert_string_equal(postfix("-a * b"), "a neg b *");
	assert_string_equal(postfix("a - -1"), "a 1 neg -");
	assert_string_equal(postfix("-(a + b)"), "a b + neg");
	assert_string_equal(postfix("NOT a AND b Or c"), "a not b and c or");
}

/* Numbers, dates as days since 1970-01-01, labels in either quote,
 * names with '_' and '.', every spelling of the comparisons. */
static void test_operands_and_operators(void **state)
{
	(void)state;
	assert_string_equal(postfix("1.5e2 + .5"), "150 0.5 +");
	assert_string_equal(postfix("d >= 1997-01-01"), "d 9862 >=");
	assert_string_equal(postfix("1970-01-02"), "1");
	assert_string_equal(postfix("sex = \"Boy\""), "sex \"Boy\" =");
	assert_string_equal(postfix("sex != 'a b'"), "sex \"a b\" !=");
	assert_string_equal(postfix("x_1.y <> 2"), "x_1.y 2 !=");
	assert_string_equal(postfix("a == 1 or a <= 2 or a > 3"),
			    "a 1 = a 2 <= or a 3 > or");
	assert_string_equal(postfix("  a\t<  b "), "a b <");
	assert_string_equal(postfix("nota + orb + andy"), "nota orb + andy +");
}

/* Every problem names the key and where the parser stopped. */
static void test_problems(void **state)
{
	char *text;
	size_t i;

	(void)state;
	assert_string_equal(postfix(""),
			    "! expr: expected a variable, number, date "
			    "(YYYY-MM-DD), \"label\" or '(' at '(end)'");
	assert_string_equal(postfix("a +"),
			    "! expr: expected a variable, number, date "
			    "(YYYY-MM-DD), \"label\" or '(' at '(end)'");
	assert_string_equal(postfix("(a + 1"), "! expr: missing ')' at '(end)'");
	assert_string_equal(postfix("a b"),
			    "! expr: unexpected text after the expression at 'b'");
	assert_string_equal(postfix("a = \"open"),
			    "! expr: expected a variable, number, date "
			    "(YYYY-MM-DD), \"label\" or '(' at '\"open'");
	assert_string_equal(postfix("a # 1"),
			    "! expr: unexpected text after the expression at '# 1'");
	assert_string_equal(postfix("d > 1997-02-30"),
			    "! expr: expected a variable, number, date "
			    "(YYYY-MM-DD), \"label\" or '(' at '1997-02-30'");
	/* 64 levels of parentheses at the most, and of 'not' */
	text = malloc(1024);
	assert_non_null(text);
	for (i = 0; i < 70; i++)
		text[i] = '(';
	strcpy(text + 70, "a");
	assert_non_null(strstr(postfix(text), "nested too deeply"));
	for (i = 0; i < 70; i++)
		memcpy(text + 4 * i, "not ", 4);
	strcpy(text + 280, "a");
	assert_non_null(strstr(postfix(text), "nested too deeply"));
	/* the evaluation stack: 14 parentheses (within the parser's bound),
	 * 5 operands waiting in each, 71 deep */
	text[0] = '\0';
	for (i = 0; i < 14; i++)
		strcat(text, "a or a and a = a + a * (");
	strcat(text, "a");
	for (i = 0; i < 14; i++)
		strcat(text, ")");
	assert_string_equal(postfix(text), "! expr: expression nested too deeply "
			    "at '(end)'");
	/* 256 nodes at the most */
	text[0] = 'a';
	for (i = 1; i < 300; i++)
		memcpy(text + 2 * i - 1, "+a", 2);
	text[599] = '\0';
	assert_non_null(strstr(postfix(text), "expression too long"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_associativity),
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_operands_and_operators),
		cmocka_unit_test(test_problems),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
