/**
 * robots.txt (RFC 9309) through robots-parser: which paths the harvester may fetch, how long to wait between requests
 * (the non-standard but common Crawl-delay) and which sitemaps the site names. What a fetch of robots.txt answered
 * decides the rules when there is no file to read (RFC 9309 §2.3.1).
 */
import robotsParserModule from 'robots-parser';

// The package is CommonJS (module.exports = the function) with types that declare an ES default export.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** The product token robots.txt groups are matched against (RFC 9309 §2.2.1). */
export const ROBOTS_AGENT = 'osce-kg';

export interface RobotsRules {
  /** Whether the harvester may fetch `url`. */
  allows(url: string): boolean;
  /** The site's Crawl-delay for osce-kg (or `*`), milliseconds; undefined when none is given. */
  crawlDelayMs(): number | undefined;
  /** Absolute URLs of the `Sitemap:` lines. */
  sitemaps(): string[];
}

/** The rules of a robots.txt file found at `robotsUrl`. */
export function parseRobots(robotsUrl: string, text: string): RobotsRules {
  const robots = robotsParser(robotsUrl, text);
  return {
    // undefined: the URL is on another origin than this robots.txt, whose rules do not apply to it
    allows: (url) => robots.isAllowed(url, ROBOTS_AGENT) !== false,
    crawlDelayMs: () => {
      const seconds = robots.getCrawlDelay(ROBOTS_AGENT);
      return seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
    },
    sitemaps: () => robots.getSitemaps().flatMap((s: string) => {
      try {
        return [new URL(s, robotsUrl).href];
      } catch {
        return [];
      }
    }),
  };
}

const allowAll: RobotsRules = { allows: () => true, crawlDelayMs: () => undefined, sitemaps: () => [] };
const disallowAll: RobotsRules = { allows: () => false, crawlDelayMs: () => undefined, sitemaps: () => [] };

/**
 * The rules when robots.txt could not be read as a file: "unavailable" (a 4xx) allows everything (§2.3.1.3);
 * "unreachable" (a 5xx, a network error, too many redirects) disallows everything (§2.3.1.4).
 */
export function rulesWithoutFile(status: number | undefined): RobotsRules {
  return status !== undefined && status >= 400 && status < 500 ? allowAll : disallowAll;
}

/** The robots.txt URL of the origin of `url`. */
export function robotsUrlOf(url: string): string {
  return new URL('/robots.txt', url).href;
}
