/** Synthetic English text for headlines and bodies: bureaucratic vocabulary, deterministic. */
import type { Prng } from './prng.js';

const WORDS = (
  'the OSCE participating States co-operation security dialogue experts workshop training officials representatives ' +
  'government civil society authorities project national regional international commitments implementation ' +
  'support strengthen capacity framework legislation institutions standards best practices recommendations ' +
  'assessment monitoring report conference meeting event participants discussed emphasized highlighted ' +
  'stakeholders local communities young people women police border management cross-border trafficking ' +
  'human rights freedom media journalists elections observation democratic governance rule of law judiciary ' +
  'prosecutors reform environment water energy economic connectivity cybersecurity confidence-building measures ' +
  'conflict prevention early warning mediation minorities tolerance non-discrimination education schools ' +
  'and of in for with to on by at from a an this that their its also will has have was were is are which ' +
  'during between among within across further next year first second new important key joint comprehensive'
).split(' ');

const VERBS = ['supports', 'hosts workshop on', 'launches project on', 'welcomes progress on', 'concludes training on',
  'calls for dialogue on', 'discusses', 'presents report on', 'organizes conference on', 'strengthens co-operation on'];

export function sentence(rng: Prng, extra: readonly string[]): string {
  const n = rng.int(12, 30);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(rng.next() < 0.08 && extra.length > 0 ? rng.pick(extra) : rng.pick(WORDS));
  const s = words.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

/** Paragraphs until about `chars` characters, joined by "\n\n" (the model's schema:articleBody convention). */
export function body(rng: Prng, chars: number, dateline: string, extra: readonly string[]): string {
  const paragraphs: string[] = [];
  let size = 0;
  let current = `${dateline} – `;
  while (size + current.length < chars) {
    current += `${sentence(rng, extra)} `;
    if (current.length > 350 && rng.next() < 0.4) {
      paragraphs.push(current.trim());
      size += current.length;
      current = '';
    }
  }
  if (current.trim()) paragraphs.push(current.trim());
  return paragraphs.join('\n\n');
}

export function headline(rng: Prng, source: string, topic: string, place: string): string {
  return `${source} ${rng.pick(VERBS)} ${topic.toLowerCase()} in ${place}`;
}

const FIRST = ['Anna', 'Maria', 'Ivan', 'Olena', 'Thomas', 'Sofia', 'Ahmet', 'Elena', 'Jan', 'Lars', 'Marta', 'Nikola',
  'Aigerim', 'Giorgi', 'Helga', 'Pierre', 'Laura', 'Mehmet', 'Dmitri', 'Irina', 'Kari', 'Luca', 'Petra', 'Rustam'];
const LAST = ['Novak', 'Ivanova', 'Schmidt', 'Rossi', 'Kowalski', 'Petrovic', 'Nielsen', 'Dubois', 'Yilmaz', 'Horvath',
  'Karimov', 'Berisha', 'Popescu', 'Jensen', 'Muller', 'Garcia', 'Lindqvist', 'Kuznetsov', 'Beridze', 'Hoxha'];

/** A pool of distinct person names (the index disambiguates beyond the first×last combinations). */
export function personNames(rng: Prng, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const base = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
    out.push(i < FIRST.length * LAST.length ? `${base} ${String.fromCharCode(65 + (i % 26))}.` : `${base} ${i}`);
  }
  return [...new Set(out)];
}

export const ROLES = ['Head of Mission', 'Secretary General', 'Chairperson-in-Office', 'Director', 'Special Representative',
  'Deputy Head of Mission', 'Project Officer', 'High Commissioner', 'Representative', 'Ambassador'];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
export function datelineDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? ''} ${y ?? ''}`;
}
