// JSDoc comments from metadata docs. Rust doc lines may contain `*/`, which would end the comment
// early and turn the rest into code, so it is broken up.
export function docComment(docs: readonly string[], indent = ''): string {
  const lines = docs.map((d) => d.replace(/\*\//g, '*\\/').replace(/\s+$/, ''));
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  while (lines.length && lines[0].trim() === '') lines.shift();
  if (lines.length === 0) return '';
  if (lines.length === 1) return `${indent}/** ${lines[0].trim()} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l.replace(/^ /, '')}` : ''}`).join('\n')}\n${indent} */\n`;
}

/** A property key as TypeScript source: bare when it is an identifier, quoted otherwise. */
export function propKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}
