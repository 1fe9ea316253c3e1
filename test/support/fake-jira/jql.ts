/**
 * JQL parsing: the grammar of clauses, AND/OR/NOT, parentheses, lists, functions and ORDER BY.
 * What the fake cannot parse is a 400 `Error in the JQL Query: …`, never a silent match-all.
 */
import { JiraError } from './http';

export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type JqlValue =
  | { kind: 'literal'; text: string; quoted: boolean }
  | { kind: 'empty' }
  | { kind: 'function'; name: string; args: string[] };

export type JqlClause =
  | { kind: 'and'; parts: JqlClause[] }
  | { kind: 'or'; parts: JqlClause[] }
  | { kind: 'not'; part: JqlClause }
  | { kind: 'compare'; field: string; operator: Operator; values: JqlValue[]; list: boolean };

export interface JqlSort {
  field: string;
  direction?: 'asc' | 'desc';
}

export interface JqlQuery {
  where?: JqlClause;
  orderBy: JqlSort[];
}

interface Token {
  type: 'word' | 'string' | 'op' | 'punct' | 'end';
  text: string;
  /** 1-based character, as Jira reports it. */
  at: number;
}

const OPERATORS = ['!=', '>=', '<=', '!~', '=', '>', '<', '~'];
const RESERVED = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by']);

export function jqlError(message: string, at?: number): JiraError {
  return new JiraError(400, [`Error in the JQL Query: ${message}${at === undefined ? '' : ` (line 1, character ${at})`}`]);
}

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i + 1;
    if (c === '"' || c === "'") {
      let text = '';
      let j = i + 1;
      while (j < jql.length && jql[j] !== c) {
        if (jql[j] === '\\' && j + 1 < jql.length) j++;
        text += jql[j++];
      }
      if (j >= jql.length) throw jqlError(`The quoted string '${text}' has not been completed.`, at);
      tokens.push({ type: 'string', text, at });
      i = j + 1;
      continue;
    }
    const op = OPERATORS.find((o) => jql.startsWith(o, i));
    if (op) {
      tokens.push({ type: 'op', text: op, at });
      i += op.length;
      continue;
    }
    if ('(),'.includes(c)) {
      tokens.push({ type: 'punct', text: c, at });
      i++;
      continue;
    }
    const word = /^[\w.\-:/@+*$#]+/.exec(jql.slice(i));
    if (!word) throw jqlError(`The character '${c}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}' instead.`, at);
    tokens.push({ type: 'word', text: word[0], at });
    i += word[0].length;
  }
  tokens.push({ type: 'end', text: 'EOF', at: jql.length + 1 });
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }
  private next(): Token {
    return this.tokens[this.pos++];
  }
  private isWord(word: string, offset = 0): boolean {
    const t = this.tokens[this.pos + offset];
    return t.type === 'word' && t.text.toLowerCase() === word;
  }
  private isPunct(text: string): boolean {
    return this.peek().type === 'punct' && this.peek().text === text;
  }
  private expect(what: string, extra = ''): never {
    const t = this.peek();
    const got = t.type === 'end' ? 'EOF' : `'${t.text}'`;
    throw jqlError(`Expecting ${what} but got ${got}.${extra}`, t.at);
  }

  query(): JqlQuery {
    const where = this.isWord('order') || this.peek().type === 'end' ? undefined : this.or();
    const orderBy: JqlSort[] = [];
    if (this.isWord('order')) {
      this.next();
      if (!this.isWord('by')) this.expect("'by'");
      this.next();
      do {
        if (orderBy.length > 0) this.next();
        const field = this.peek();
        if (field.type !== 'word' && field.type !== 'string') this.expect('a field name');
        this.next();
        const direction = this.isWord('asc') || this.isWord('desc') ? (this.next().text.toLowerCase() as 'asc' | 'desc') : undefined;
        orderBy.push({ field: field.text.toLowerCase(), direction });
      } while (this.isPunct(','));
    }
    if (this.peek().type !== 'end') this.expect(where ? "either 'OR' or 'AND'" : 'a field name');
    return { where, orderBy };
  }

  private or(): JqlClause {
    const parts = [this.and()];
    while (this.isWord('or')) {
      this.next();
      parts.push(this.and());
    }
    return parts.length === 1 ? parts[0] : { kind: 'or', parts };
  }

  private and(): JqlClause {
    const parts = [this.unary()];
    while (this.isWord('and')) {
      this.next();
      parts.push(this.unary());
    }
    return parts.length === 1 ? parts[0] : { kind: 'and', parts };
  }

  private unary(): JqlClause {
    if (this.isWord('not')) return this.next(), { kind: 'not', part: this.unary() };
    if (this.isPunct('(')) {
      this.next();
      const inner = this.or();
      if (!this.isPunct(')')) this.expect("either 'OR' or 'AND' or ')'");
      this.next();
      return inner;
    }
    return this.compare();
  }

  private compare(): JqlClause {
    const field = this.peek();
    if (!(field.type === 'word' && !RESERVED.has(field.text.toLowerCase())) && field.type !== 'string') this.expect('a field name');
    this.next();
    const operator = this.operator();
    if (operator === 'in' || operator === 'not in') {
      if (!this.isPunct('(')) this.expect("'('");
      this.next();
      const values = [this.value()];
      while (this.isPunct(',')) {
        this.next();
        values.push(this.value());
      }
      if (!this.isPunct(')')) this.expect("')'");
      this.next();
      return { kind: 'compare', field: field.text.toLowerCase(), operator, values, list: true };
    }
    return { kind: 'compare', field: field.text.toLowerCase(), operator, values: [this.value()], list: false };
  }

  private operator(): Operator {
    const t = this.peek();
    const valid = " The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";
    if (t.type === 'op') return this.next().text as Operator;
    if (this.isWord('in')) return this.next(), 'in';
    if (this.isWord('not') && this.isWord('in', 1)) return (this.pos += 2), 'not in';
    if (this.isWord('is') && this.isWord('not', 1)) return (this.pos += 2), 'is not';
    if (this.isWord('is')) return this.next(), 'is';
    return this.expect('operator', valid);
  }

  private value(): JqlValue {
    const t = this.peek();
    if (t.type === 'string') return this.next(), { kind: 'literal', text: t.text, quoted: true };
    if (t.type !== 'word' || ['and', 'or', 'order', 'in', 'is', 'not', 'by'].includes(t.text.toLowerCase())) {
      this.expect('either a value, list or function', t.type === 'end' ? '' : ` You must surround '${t.text}' in quotation marks to use it as a value.`);
    }
    this.next();
    const lower = t.text.toLowerCase();
    if (lower === 'empty' || lower === 'null') return { kind: 'empty' };
    if (!this.isPunct('(')) return { kind: 'literal', text: t.text, quoted: false };
    this.next();
    const args: string[] = [];
    while (!this.isPunct(')')) {
      const arg = this.next();
      if (arg.type === 'end') this.expect("')'");
      if (arg.type !== 'punct') args.push(arg.text);
    }
    this.next();
    return { kind: 'function', name: lower, args };
  }
}

export function parseJql(jql: string): JqlQuery {
  return new Parser(tokenize(jql)).query();
}
