const pattern = (words: string[]) => new RegExp(words.join('|'), 'i');

/** Link previewers, crawlers, mail security gateways and HTTP libraries: no person behind them. */
const automatedAgents = pattern([
  'bot\\b',
  'bot/',
  'crawl',
  'spider',
  'slurp',
  'preview',
  'scanner',
  'headless',
  'phantomjs',
  'lighthouse',
  'facebookexternalhit',
  'facebookcatalog',
  'whatsapp',
  'slack',
  'telegram',
  'discord',
  'skypeuri',
  'linkedin',
  'twitter',
  'embedly',
  'vkshare',
  'pinterest',
  'safelinks',
  'bingpreview',
  'google-read-aloud',
  'proofpoint',
  'mimecast',
  'barracuda',
  'forcepoint',
  'symantec',
  'trendmicro',
  'sophos',
  'fortiguard',
  'zscaler',
  'ironport',
  'curl/',
  'wget/',
  'python',
  'go-http-client',
  'okhttp',
  'java/',
  'axios',
  'node-fetch',
  'undici',
  'libwww',
  'httpclient',
]);

/** Mail programs and their image proxies: they load the open pixel when a person opens the message, but never click. */
const mailAgents = pattern([
  'microsoft office',
  'ms-office',
  'outlook',
  'googleimageproxy',
  'yahoomailproxy',
  'thunderbird',
]);

/** Why a request does not count as a person's action. */
export type Flag = 'scanner' | 'head' | 'too_soon';

/**
 * Flags a tracking request by what it is: a HEAD request, or one from a known automated agent
 * (an empty user agent included: browsers always send one). For the open pixel (`kind: 'open'`)
 * mail programs count, since they fetch it when a person opens the message.
 */
export function classifyRequest(options: {
  method: string;
  userAgent: string | undefined;
  kind: 'open' | 'page' | 'click';
}): Flag | undefined {
  if (options.method === 'HEAD') return 'head';
  const agent = options.userAgent ?? '';
  if (!agent || automatedAgents.test(agent)) return 'scanner';
  if (options.kind !== 'open' && mailAgents.test(agent)) return 'scanner';
  return undefined;
}
