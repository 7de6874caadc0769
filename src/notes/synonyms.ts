/**
 * Loanword and translation table for Docker / Kubernetes / general dev vocabulary.
 *
 * Every form (Hangul transliteration, spelling variant, English word, abbreviation, common Korean translation)
 * maps to one canonical English term, so 이미지, image and images all index as `image`. Forms are compared
 * lowercased with spaces removed, so 라이프 사이클 and 라이프사이클 are the same form; multi-word forms are found by
 * joining up to MAX_FORM_WORDS adjacent words. The list is general vocabulary, not tuned to any one set of notes.
 */
const TABLE: Record<string, string[]> = {
  docker: ['도커', 'dockerd'],
  dockerhub: ['도커허브', 'docker hub', 'dockerhub'],
  dockerfile: ['도커파일', 'dockerfile'],
  compose: ['컴포즈', 'docker-compose', 'docker compose'],
  kubernetes: ['쿠버네티스', '쿠버네티즈', 'k8s', 'kube'],
  container: ['컨테이너', '콘테이너'],
  image: ['이미지', 'img'],
  registry: ['레지스트리', '레지스트리들', 'registries'],
  repository: ['저장소', '레포지토리', '리포지토리', '레포지터리', '리포지터리', '레포', '리포', 'repo'],
  lifecycle: ['라이프사이클', '생명주기', '생명 주기', '수명주기', '수명 주기', 'life cycle', 'life-cycle'],
  client: ['클라이언트'],
  server: ['서버'],
  host: ['호스트'],
  hostname: ['호스트명', '호스트이름', '호스트 네임'],
  metadata: ['메타데이터', '메타 데이터', 'meta data'],
  data: ['데이터'],
  storage: ['스토리지', '저장공간', '저장 공간'],
  private: ['프라이빗', '프라이비트', '사설', '비공개'],
  public: ['퍼블릭', '공개'],
  tag: ['태그'],
  build: ['빌드'],
  layer: ['레이어', '계층'],
  volume: ['볼륨'],
  mount: ['마운트'],
  bind: ['바인드'],
  network: ['네트워크', '네트웍'],
  bridge: ['브리지', '브릿지'],
  overlay: ['오버레이'],
  driver: ['드라이버'],
  plugin: ['플러그인'],
  port: ['포트'],
  daemon: ['데몬'],
  engine: ['엔진'],
  runtime: ['런타임'],
  kernel: ['커널'],
  namespace: ['네임스페이스', '네임 스페이스', 'name space'],
  cgroup: ['씨그룹', 'cgroups', 'control group', '컨트롤그룹'],
  process: ['프로세스'],
  thread: ['스레드', '쓰레드'],
  memory: ['메모리'],
  cpu: ['씨피유'],
  disk: ['디스크'],
  file: ['파일'],
  filesystem: ['파일시스템', 'file system', 'fs'],
  directory: ['디렉토리', '디렉터리', '폴더', 'folder', 'dir'],
  snapshot: ['스냅샷', '스냅숏'],
  backup: ['백업'],
  cache: ['캐시'],
  log: ['로그', 'logs', 'logging', '로깅'],
  command: ['명령', '명령어', '커맨드', 'cmd'],
  option: ['옵션', 'flag', '플래그'],
  shell: ['셸', '쉘'],
  terminal: ['터미널'],
  cli: ['씨엘아이', 'command line', 'commandline', '커맨드라인'],
  api: ['에이피아이'],
  rest: ['레스트'],
  tool: ['도구', '툴', 'tools'],
  install: ['설치', '인스톨', 'installation'],
  run: ['실행', 'running', 'execute', 'exec', 'execution', '러닝'],
  start: ['시작', '스타트'],
  stop: ['정지', '중지', '스톱', 'stopped'],
  pause: ['일시정지', '일시 정지', '포즈', 'paused'],
  restart: ['재시작', '리스타트'],
  remove: ['삭제', '제거', 'delete', 'rm'],
  create: ['생성', 'created'],
  state: ['상태', 'status', '스테이트'],
  relationship: ['관계', 'relation', 'relations'],
  version: ['버전'],
  security: ['보안', '시큐리티'],
  pipeline: ['파이프라인'],
  deploy: ['배포', 'deployment', '디플로이', '디플로이먼트', 'deployments'],
  share: ['공유', 'sharing'],
  search: ['검색', '서치', '찾', '찾기', '탐색'],
  manage: ['관리', 'management', '매니지먼트'],
  address: ['주소'],
  name: ['이름', '네임', 'naming', '명칭'],
  rule: ['규칙', '룰', 'convention'],
  help: ['도움말', '헬프'],
  message: ['메시지', '메세지'],
  page: ['페이지'],
  project: ['프로젝트'],
  push: ['푸시', '푸쉬'],
  pull: ['풀'],
  commit: ['커밋'],
  inspect: ['인스펙트'],
  environment: ['환경', 'env', '인바이런먼트'],
  variable: ['변수', 'var'],
  config: ['설정', '구성', 'configuration', '컨피그', 'configure'],
  configmap: ['컨피그맵', 'config map'],
  secret: ['시크릿', 'secrets'],
  resource: ['리소스', '자원'],
  isolation: ['격리', '고립', 'isolate', 'isolated', '아이솔레이션'],
  virtualization: ['가상화', 'virtualize'],
  virtualmachine: ['가상머신', '가상 머신', 'virtual machine', 'vm', '버추얼머신'],
  hypervisor: ['하이퍼바이저'],
  os: ['운영체제', '운영 체제', 'operating system', '오에스'],
  linux: ['리눅스'],
  windows: ['윈도우', '윈도', '윈도우즈'],
  cluster: ['클러스터'],
  node: ['노드'],
  pod: ['파드', '포드', 'pods'],
  service: ['서비스'],
  ingress: ['인그레스'],
  replica: ['레플리카', 'replicaset', '레플리카셋'],
  statefulset: ['스테이트풀셋'],
  daemonset: ['데몬셋'],
  scheduler: ['스케줄러', '스케쥴러', 'scheduling', '스케줄링', '스케쥴링', 'schedule'],
  controller: ['컨트롤러'],
  orchestration: ['오케스트레이션', 'orchestrator', '오케스트레이터'],
  swarm: ['스웜'],
  proxy: ['프록시'],
  gateway: ['게이트웨이'],
  dns: ['디엔에스'],
  ip: ['아이피'],
  protocol: ['프로토콜'],
  load: ['로드'],
  balancer: ['밸런서', 'balancing', '밸런싱'],
  scale: ['스케일', 'scaling', '스케일링'],
  monitoring: ['모니터링', 'monitor', '모니터'],
  health: ['헬스'],
  healthcheck: ['헬스체크', 'health check'],
  database: ['데이터베이스', 'db', '디비'],
  application: ['애플리케이션', '어플리케이션', '앱', 'app', 'apps'],
  program: ['프로그램'],
  software: ['소프트웨어'],
  hardware: ['하드웨어'],
  package: ['패키지'],
  dependency: ['의존성', '디펜던시', 'dependencies'],
  library: ['라이브러리'],
  binary: ['바이너리'],
  archive: ['아카이브', '압축', 'compress', 'compressed', 'compression'],
  tar: ['타르'],
  hash: ['해시'],
  digest: ['다이제스트'],
  manifest: ['매니페스트'],
  base: ['베이스'],
  stage: ['스테이지', 'multistage'],
  entrypoint: ['엔트리포인트', '엔트리 포인트'],
  instruction: ['인스트럭션', '지시어'],
  user: ['사용자', '유저'],
  permission: ['권한', '퍼미션'],
  root: ['루트'],
  token: ['토큰'],
  authentication: ['인증', 'auth'],
  certificate: ['인증서', 'cert'],
  cloud: ['클라우드'],
  local: ['로컬'],
  remote: ['원격', '리모트'],
  web: ['웹'],
  browser: ['브라우저'],
  github: ['깃허브', '깃헙'],
  git: ['깃'],
  harbor: ['하버'],
  nginx: ['엔진엑스'],
  redis: ['레디스'],
  mysql: ['마이에스큐엘'],
  python: ['파이썬'],
  java: ['자바'],
  nodejs: ['node.js', '노드제이에스'],
  golang: ['고랭'],
  react: ['리액트'],
  goroutine: ['고루틴', 'goroutines'],
  hook: ['훅', 'hooks'],
  interface: ['인터페이스'],
  script: ['스크립트'],
  yaml: ['야믈', 'yml'],
  json: ['제이슨'],
  template: ['템플릿'],
  structure: ['구조', '아키텍처', '아키텍쳐', 'architecture'],
  system: ['시스템'],
  event: ['이벤트'],
  signal: ['시그널'],
  exit: ['종료', 'exited'],
  kill: ['킬'],
  error: ['에러', '오류'],
  debug: ['디버그', '디버깅', 'debugging'],
  test: ['테스트', 'testing'],
  update: ['업데이트'],
  upgrade: ['업그레이드'],
  rollback: ['롤백'],
  download: ['다운로드'],
  upload: ['업로드'],
};

/** Longest multi-word form, in words (control group, operating system …). */
export const MAX_FORM_WORDS = 3;

function formKey(form: string): string {
  return form.toLowerCase().replace(/[\s_-]+/g, '');
}

const FORMS = new Map<string, string>();
for (const [canonical, forms] of Object.entries(TABLE)) {
  FORMS.set(formKey(canonical), canonical);
  for (const form of forms) FORMS.set(formKey(form), canonical);
}

/**
 * Proper prefixes of all forms (라이프 of 라이프사이클): a form can be written spaced anywhere, so only a word in
 * here can start one spread over several words, and other words skip the join attempts.
 */
const FORM_PREFIXES = new Set<string>();
for (const key of FORMS.keys()) {
  for (let end = 1; end < key.length; end++) FORM_PREFIXES.add(key.slice(0, end));
}

export function startsJoinedForm(word: string): boolean {
  return FORM_PREFIXES.has(word);
}

/** The canonical term for a form (`이미지` → `image`), or undefined when the table does not know it. */
export function canonicalOf(form: string): string | undefined {
  return FORMS.get(formKey(form));
}

/** Hangul forms of at least three syllables, longest first, for splitting compounds like 레지스트리주소. */
const LONG_HANGUL_FORMS = [...FORMS.keys()]
  .filter((form) => /^[\uAC00-\uD7A3]{3,}$/.test(form))
  .sort((a, b) => b.length - a.length);

type Part = { canonical: string } | { rest: string };

/**
 * Splits a Hangul compound written without spaces into known forms and leftovers: 도커이미지 → [docker, image],
 * 레지스트리주소 → [registry, 주소], 포트포워딩 → [port, 포워딩]. Short forms hide in native words (블로그 is not
 * 블+log, 리포트 is not repo+트), so a form of one or two syllables is cut off only at an end of the word and only
 * when what remains is a word of two syllables or more; forms of three or more syllables are cut out anywhere.
 * Returns null when nothing known is found.
 */
export function splitCompound(word: string): Part[] | null {
  for (let cut = 2; cut <= word.length - 2; cut++) {
    const head = FORMS.get(word.slice(0, cut));
    const tail = FORMS.get(word.slice(cut));
    if (head !== undefined && tail !== undefined) return [{ canonical: head }, { canonical: tail }];
  }
  for (const form of LONG_HANGUL_FORMS) {
    const at = word.indexOf(form);
    if (at < 0 || form.length === word.length) continue;
    return [
      ...around(word.slice(0, at)),
      { canonical: FORMS.get(form) ?? form },
      ...around(word.slice(at + form.length)),
    ];
  }
  if (word.length < 4) return null;
  const head = FORMS.get(word.slice(0, 2));
  if (head !== undefined) return [{ canonical: head }, ...around(word.slice(2))];
  const tail = FORMS.get(word.slice(-2));
  if (tail !== undefined) return [...around(word.slice(0, -2)), { canonical: tail }];
  return null;
}

function around(chunk: string): Part[] {
  return chunk === '' ? [] : (splitCompound(chunk) ?? [{ rest: chunk }]);
}
