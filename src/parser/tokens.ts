// The Chevrotain lexer: every token of Squall's SQL dialect and the order in which they are tried.
//
// Why the order matters: Chevrotain tries token patterns in array order and takes the FIRST that
// matches (not the longest), so
//  - comments come before the operators they start with (`--` before `-`, `/*` before `/`);
//  - two-character operators come before their one-character prefixes (`->` before `-`,
//    `<=`/`<>` before `<`, `=>` before `=`);
//  - numbers are tried most specific first: a floating point value (`1E5`) before an identifier that
//    starts with a digit (`1abc`), before a decimal (`1.5`, `.5`), before a plain integer, and all of
//    them before `.` so that `.5` is a number;
//  - keywords come before Identifier, and each keyword names Identifier as its `longer_alt`, so that
//    `selected` lexes as an identifier rather than as SELECT followed by `ed`;
//  - longer keywords come before the keywords they start with (STREAMS before STREAM).
// Keywords are case-insensitive; identifiers are normalised later, by the CST visitor.
import { createToken, Lexer, type TokenType } from 'chevrotain';

/** The token the parser sees past the last one. */
export { EOF as EndOfInput } from 'chevrotain';

const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f]+/, group: Lexer.SKIPPED });
const LineComment = createToken({ name: 'LineComment', pattern: /--[^\r\n]*/, group: Lexer.SKIPPED });
const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*[\s\S]*?\*\//,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

// Not a real token: lex() turns it into an error, so that an unclosed block comment is reported as
// such rather than read as a division followed by a star.
export const UnterminatedComment = createToken({ name: 'UnterminatedComment', pattern: /\/\*[\s\S]*/, line_breaks: true });

export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /'(?:[^']|'')*'/, line_breaks: true });
export const QuotedIdentifier = createToken({ name: 'QuotedIdentifier', pattern: /"(?:[^"]|"")*"/, line_breaks: true });
export const BackQuotedIdentifier = createToken({
  name: 'BackQuotedIdentifier',
  pattern: /`(?:[^`]|``)*`/,
  line_breaks: true,
});

export const FloatingPointLiteral = createToken({
  name: 'FloatingPointLiteral',
  pattern: /(?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d+/,
});
export const DigitIdentifier = createToken({ name: 'DigitIdentifier', pattern: /\d+[A-Za-z_@][A-Za-z0-9_@]*/ });
export const DecimalLiteral = createToken({ name: 'DecimalLiteral', pattern: /\d+\.\d*|\.\d+/ });
export const IntegerLiteral = createToken({ name: 'IntegerLiteral', pattern: /\d+/ });

export const Arrow = createToken({ name: 'Arrow', pattern: /->/, label: "'->'" });
export const LambdaArrow = createToken({ name: 'LambdaArrow', pattern: /=>/, label: "'=>'" });
export const Assign = createToken({ name: 'Assign', pattern: /:=/, label: "':='" });
export const ConcatOperator = createToken({ name: 'ConcatOperator', pattern: /\|\|/, label: "'||'" });
export const LessOrEqual = createToken({ name: 'LessOrEqual', pattern: /<=/, label: "'<='" });
export const GreaterOrEqual = createToken({ name: 'GreaterOrEqual', pattern: />=/, label: "'>='" });
export const NotEqual = createToken({ name: 'NotEqual', pattern: /<>|!=/, label: "'<>'" });
export const Less = createToken({ name: 'Less', pattern: /</, label: "'<'" });
export const Greater = createToken({ name: 'Greater', pattern: />/, label: "'>'" });
export const Equals = createToken({ name: 'Equals', pattern: /=/, label: "'='" });
export const Plus = createToken({ name: 'Plus', pattern: /\+/, label: "'+'" });
export const Minus = createToken({ name: 'Minus', pattern: /-/, label: "'-'" });
export const Star = createToken({ name: 'Star', pattern: /\*/, label: "'*'" });
export const Slash = createToken({ name: 'Slash', pattern: /\//, label: "'/'" });
export const Percent = createToken({ name: 'Percent', pattern: /%/, label: "'%'" });
export const LeftParen = createToken({ name: 'LeftParen', pattern: /\(/, label: "'('" });
export const RightParen = createToken({ name: 'RightParen', pattern: /\)/, label: "')'" });
export const LeftBracket = createToken({ name: 'LeftBracket', pattern: /\[/, label: "'['" });
export const RightBracket = createToken({ name: 'RightBracket', pattern: /]/, label: "']'" });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: "','" });
export const Dot = createToken({ name: 'Dot', pattern: /\./, label: "'.'" });
export const Semicolon = createToken({ name: 'Semicolon', pattern: /;/, label: "';'" });

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_@]*/ });

/** Every keyword carries this category; error messages use it to suggest a misspelt keyword. */
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });
/** Keywords that may also be used as identifiers (a column named KEY, SIZE, TYPE...). */
export const NonReservedKeyword = createToken({ name: 'NonReservedKeyword', pattern: Lexer.NA });

/** What the grammar's `identifier` rule accepts as a name; a non-reserved keyword is one through its category. */
export const identifierTokenTypes: readonly TokenType[] = [Identifier, QuotedIdentifier, BackQuotedIdentifier, DigitIdentifier, NonReservedKeyword];

const keywordTokens: TokenType[] = [];

function keyword(word: string, reserved: boolean): TokenType {
  const token = createToken({
    name: word,
    pattern: new RegExp(word, 'i'),
    longer_alt: Identifier,
    categories: reserved ? [Keyword] : [Keyword, NonReservedKeyword],
    label: word,
  });
  keywordTokens.push(token);
  return token;
}
const reserved = (word: string): TokenType => keyword(word, true);
const nonReserved = (word: string): TokenType => keyword(word, false);

// Reserved words are those that can end or continue an expression or a clause, so that treating
// them as identifiers would make the grammar ambiguous (`FROM t WHERE` must not alias t as WHERE).
export const Select = reserved('SELECT');
export const From = reserved('FROM');
export const As = reserved('AS');
export const Where = reserved('WHERE');
export const Group = reserved('GROUP');
export const By = reserved('BY');
export const Having = reserved('HAVING');
export const Limit = reserved('LIMIT');
export const Window = reserved('WINDOW');
export const Join = reserved('JOIN');
export const Inner = reserved('INNER');
export const Left = reserved('LEFT');
export const Right = reserved('RIGHT');
export const Full = reserved('FULL');
export const Outer = reserved('OUTER');
export const On = reserved('ON');
export const Within = reserved('WITHIN');
export const And = reserved('AND');
export const Or = reserved('OR');
export const Not = reserved('NOT');
export const In = reserved('IN');
export const Is = reserved('IS');
export const Null = reserved('NULL');
export const True = reserved('TRUE');
export const False = reserved('FALSE');
export const Between = reserved('BETWEEN');
export const Like = reserved('LIKE');
export const Distinct = reserved('DISTINCT');
export const Case = reserved('CASE');
export const When = reserved('WHEN');
export const Then = reserved('THEN');
export const Else = reserved('ELSE');
export const End = reserved('END');
export const Cast = reserved('CAST');
export const At = reserved('AT');
export const With = reserved('WITH');
export const Insert = reserved('INSERT');
export const Into = reserved('INTO');
export const Values = reserved('VALUES');
export const Create = reserved('CREATE');
export const Drop = reserved('DROP');
export const Exists = reserved('EXISTS');
export const All = reserved('ALL');
export const Stream = reserved('STREAM');
export const Streams = reserved('STREAMS');
export const Table = reserved('TABLE');
export const Describe = reserved('DESCRIBE');
export const Print = reserved('PRINT');
export const Terminate = reserved('TERMINATE');
export const Unset = reserved('UNSET');

export const Partition = nonReserved('PARTITION');
export const Emit = nonReserved('EMIT');
export const Changes = nonReserved('CHANGES');
export const Final = nonReserved('FINAL');
export const Tumbling = nonReserved('TUMBLING');
export const Hopping = nonReserved('HOPPING');
export const Session = nonReserved('SESSION');
export const Size = nonReserved('SIZE');
export const Advance = nonReserved('ADVANCE');
export const Retention = nonReserved('RETENTION');
export const Grace = nonReserved('GRACE');
export const Period = nonReserved('PERIOD');
export const Escape = nonReserved('ESCAPE');
export const ArrayKeyword = nonReserved('ARRAY');
export const MapKeyword = nonReserved('MAP');
export const Struct = nonReserved('STRUCT');
export const Time = nonReserved('TIME');
export const Zone = nonReserved('ZONE');
export const Replace = nonReserved('REPLACE');
export const Source = nonReserved('SOURCE');
export const Sink = nonReserved('SINK');
export const Tables = nonReserved('TABLES');
export const If = nonReserved('IF');
export const Key = nonReserved('KEY');
export const Primary = nonReserved('PRIMARY');
export const Header = nonReserved('HEADER');
export const Headers = nonReserved('HEADERS');
export const Delete = nonReserved('DELETE');
export const Topic = nonReserved('TOPIC');
export const Topics = nonReserved('TOPICS');
export const Type = nonReserved('TYPE');
export const Types = nonReserved('TYPES');
export const Show = nonReserved('SHOW');
export const List = nonReserved('LIST');
export const Queries = nonReserved('QUERIES');
export const Properties = nonReserved('PROPERTIES');
export const Functions = nonReserved('FUNCTIONS');
export const FunctionKeyword = nonReserved('FUNCTION');
export const Variables = nonReserved('VARIABLES');
export const Connectors = nonReserved('CONNECTORS');
export const Extended = nonReserved('EXTENDED');
export const Explain = nonReserved('EXPLAIN');
export const Beginning = nonReserved('BEGINNING');
export const Interval = nonReserved('INTERVAL');
export const Sample = nonReserved('SAMPLE');
export const Set = nonReserved('SET');
export const Define = nonReserved('DEFINE');
export const Undefine = nonReserved('UNDEFINE');
export const Run = nonReserved('RUN');
export const Script = nonReserved('SCRIPT');
export const Alter = nonReserved('ALTER');
export const Add = nonReserved('ADD');
export const Column = nonReserved('COLUMN');
export const Pause = nonReserved('PAUSE');
export const Resume = nonReserved('RESUME');

/** Tokens in lexing order (see the comment at the top of this file). */
export const allTokens: readonly TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedComment,
  StringLiteral,
  QuotedIdentifier,
  BackQuotedIdentifier,
  FloatingPointLiteral,
  DigitIdentifier,
  DecimalLiteral,
  IntegerLiteral,
  Arrow,
  LambdaArrow,
  Assign,
  ConcatOperator,
  LessOrEqual,
  GreaterOrEqual,
  NotEqual,
  Less,
  Greater,
  Equals,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  LeftParen,
  RightParen,
  LeftBracket,
  RightBracket,
  Comma,
  Dot,
  Semicolon,
  Keyword,
  NonReservedKeyword,
  // Longest first: tried first, STREAM would match the start of STREAMS and its longer_alt would
  // then make the whole word an Identifier instead of the STREAMS keyword.
  ...[...keywordTokens].sort((left, right) => right.name.length - left.name.length),
  Identifier,
];

/** Built once: constructing a Chevrotain lexer validates every pattern, which is not free. */
export const sqlLexer = new Lexer([...allTokens], { ensureOptimizations: false, positionTracking: 'full' });
