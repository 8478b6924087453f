// A sentence of the portal's that names something of people's own (a canned reply's title, a
// name): their words are marked translate="no", as everywhere, so that a browser's translator
// leaves them alone and the French-page check does not read them as the portal's English.
const SLOT = '\u0000';

export function TheirWords({ say, theirs }: { say: (theirs: string) => string; theirs: string }) {
  const [before, ...after] = say(SLOT).split(SLOT);
  return (
    <>
      {before}
      <span translate="no">{theirs}</span>
      {after.join(theirs)}
    </>
  );
}
