/**
 * A deterministic synthetic notes corpus (~1 MB by default) in the study template's style: many files, nested
 * headings, Korean bodies mixed with English Docker/Kubernetes vocabulary, commands and record sections.
 * Used by the benchmark and by growth tests; the same seed always gives the same bytes.
 */
import type { NoteFile } from './load.js';

/** mulberry32: a tiny seeded PRNG, so the corpus does not depend on Math.random. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS: [ko: string, en: string][] = [
  ['도커', 'docker'],
  ['이미지', 'image'],
  ['컨테이너', 'container'],
  ['볼륨', 'volume'],
  ['네트워크', 'network'],
  ['레지스트리', 'registry'],
  ['레이어', 'layer'],
  ['도커파일', 'Dockerfile'],
  ['컴포즈', 'compose'],
  ['쿠버네티스', 'Kubernetes'],
  ['파드', 'pod'],
  ['디플로이먼트', 'deployment'],
  ['서비스', 'service'],
  ['인그레스', 'ingress'],
  ['노드', 'node'],
  ['클러스터', 'cluster'],
  ['네임스페이스', 'namespace'],
  ['시크릿', 'secret'],
  ['컨피그맵', 'ConfigMap'],
  ['스케줄러', 'scheduler'],
  ['런타임', 'runtime'],
  ['데몬', 'daemon'],
  ['캐시', 'cache'],
  ['로그', 'log'],
  ['포트', 'port'],
  ['프록시', 'proxy'],
  ['헬스체크', 'healthcheck'],
  ['엔트리포인트', 'entrypoint'],
  ['태그', 'tag'],
  ['매니페스트', 'manifest'],
];

const ASPECTS = [
  '개념',
  '구조',
  '명령어',
  '옵션',
  '라이프 사이클',
  '동작 방식',
  '설정',
  '보안',
  '트러블슈팅',
  '모범 사례',
  '성능',
  '저장소',
  '드라이버',
  '플러그인',
  '버전 관리',
];

const NOUNS = [
  '호스트',
  '클라이언트',
  '메타데이터',
  '스토리지',
  '파일 시스템',
  '프로세스',
  '메모리',
  'CPU',
  '커널',
  '격리',
  '배포',
  '빌드',
  '스냅샷',
  '환경 변수',
  '권한',
  'API',
  '컨트롤러',
  '레플리카',
  'overlay',
  'bridge',
  'cgroup',
  'namespace',
  'digest',
];

const VERBS = [
  '관리한다',
  '저장한다',
  '실행한다',
  '생성한다',
  '삭제한다',
  '공유한다',
  '확인할 수 있다',
  '연결한다',
  '제한한다',
];
const PARTICLES_SUBJECT = ['는', '가', '도'];
const COMMANDS = [
  'docker run',
  'docker build',
  'docker image ls',
  'docker volume create',
  'kubectl get',
  'kubectl apply -f',
];

const RECORD_SECTIONS = ['## 💡 전부 읽고 난 후기', '## ❓ 특별히 궁금했던 부분', '## ⏳ 독서 과정 기록'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function sentence(random: () => number, topic: string): string {
  const noun = pick(random, NOUNS);
  const en = pick(random, TOPICS)[1];
  const form = Math.floor(random() * 4);
  if (form === 0) return `${topic}${pick(random, PARTICLES_SUBJECT)} ${noun}을 ${pick(random, VERBS)}.`;
  if (form === 1) return `${en}의 ${noun}는 ${topic}와 함께 ${pick(random, VERBS)}.`;
  if (form === 2) return `\`${pick(random, COMMANDS)} ${en.toLowerCase()}\` 명령어로 ${noun}을 ${pick(random, VERBS)}.`;
  return `The ${en} uses ${noun} so that the ${topic} can be ${pick(random, ['shared', 'isolated', 'cached', 'scheduled'])}.`;
}

function body(random: () => number, topic: string): string {
  const lines: string[] = [];
  const count = 2 + Math.floor(random() * 5);
  for (let i = 0; i < count; i++) lines.push(`- ${sentence(random, topic)}`);
  if (random() < 0.2) lines.push('', '```bash', `${pick(random, COMMANDS)} ${topic}`, '```');
  return lines.join('\n');
}

export interface CorpusOptions {
  /** Approximate total size in UTF-8 bytes. */
  targetBytes?: number;
  seed?: number;
}

/** Files `chapter-001.md`, … until the target size is reached. */
export function generateCorpus(options: CorpusOptions = {}): NoteFile[] {
  const target = options.targetBytes ?? 1_000_000;
  const random = rng(options.seed ?? 42);
  const files: NoteFile[] = [];
  let bytes = 0;
  while (bytes < target) {
    const n = files.length + 1;
    const parts = [
      `# 📚 스터디 템플릿 ${n}장`,
      '',
      '## 📖 목차를 읽기 전에 든 생각',
      `- ${sentence(random, '도커')}`,
      '',
    ];
    const sections = 8 + Math.floor(random() * 8);
    for (let s = 0; s < sections; s++) {
      const [ko, en] = pick(random, TOPICS);
      const aspect = pick(random, ASPECTS);
      parts.push(`## ${ko} ${aspect} (${en})`, body(random, ko), '');
      const subs = Math.floor(random() * 4);
      for (let k = 0; k < subs; k++) {
        const noun = pick(random, NOUNS);
        parts.push(`### ${ko} ${noun}`, random() < 0.1 ? '' : body(random, noun), '');
      }
    }
    for (const record of RECORD_SECTIONS) parts.push(record, `- ${sentence(random, '스터디')}`, '');
    const text = parts.join('\n');
    files.push({ file: `chapter-${String(n).padStart(3, '0')}.md`, text });
    bytes += Buffer.byteLength(text);
  }
  return files;
}

/**
 * Benchmark queries of the kinds users type: headings, headings with particles, keywords in English,
 * no-space variants, full questions, and questions the corpus does not cover.
 */
export function corpusQueries(count = 500, seed = 7): string[] {
  const random = rng(seed);
  const queries: string[] = [];
  const offTopic = ['파이썬 GIL', 'React hooks', 'Go 고루틴', '자바 가비지 컬렉션', 'AWS 람다 콜드 스타트'];
  while (queries.length < count) {
    const [ko, en] = pick(random, TOPICS);
    const aspect = pick(random, ASPECTS);
    const noun = pick(random, NOUNS);
    const kind = queries.length % 6;
    if (kind === 0) queries.push(`${ko} ${aspect}`);
    else if (kind === 1) queries.push(`${ko}${pick(random, ['란?', '가 뭐야?', '는 어떻게 동작해?'])}`);
    else if (kind === 2) queries.push(`${en} ${noun}`);
    else if (kind === 3) queries.push(`${ko}${noun.replace(/\s/g, '')}`);
    else if (kind === 4) queries.push(`${ko}에서 ${noun}을 어떻게 ${pick(random, VERBS)}?`);
    else queries.push(pick(random, offTopic));
  }
  return queries;
}
