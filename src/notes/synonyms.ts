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
  // 허브 alone is Docker Hub in these notes (도커 허브에 푸시, 허브에 올리기); GitHub is its own term.
  dockerhub: ['도커허브', 'docker hub', 'dockerhub', '허브', 'hub'],
  // Helm charts' hub: its own term, so 허브 alone (Docker Hub) is not read in it.
  artifacthub: ['아티팩트 허브', '아티팩트허브', 'artifact hub'],
  dockerfile: ['도커파일', 'dockerfile'],
  compose: ['컴포즈', 'docker-compose', 'docker compose', 'composefile', 'compose file'],
  kubernetes: ['쿠버네티스', '쿠버네티즈', '쿠베르네티스', '쿠버', 'k8s', 'kube', '큐브', '쿠베'],
  container: ['컨테이너', '콘테이너'],
  image: ['이미지', 'img'],
  registry: ['레지스트리', '레지스트리들', 'registries'],
  repository: ['저장소', '레포지토리', '리포지토리', '레포지터리', '리포지터리', '레포', '리포', 'repo'],
  lifecycle: ['라이프사이클', '생명주기', '생명 주기', '수명주기', '수명 주기', 'life cycle', 'life-cycle'],
  client: ['클라이언트'],
  order: [
    '순서',
    '순차',
    '순차적',
    '순차적으로',
    '차례',
    '차례대로',
    'sequence',
    'sequential',
    'sequentially',
    'ordering',
  ],
  subscriber: ['구독자', '서브스크라이버', '섭스크라이버', 'subscribers', 'consumer', 'consumers', '컨슈머', '소비자'],
  publisher: ['발행자', '퍼블리셔', 'publishers', 'producer', 'producers', '프로듀서', '생산자'],
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
  layer: ['레이어', '계층', 'layered', '레이어드'],
  copyonwrite: [
    'copy on write',
    '카피온라이트',
    '카피 온 라이트',
    'cow',
    '쓰기 시 복사',
    '쓰기시복사',
    '기록 중 복사',
    '기록중복사',
    '기록 시 복사',
  ],
  unionfs: [
    'union file system',
    'unionfilesystem',
    '유니온 파일시스템',
    '유니온 파일 시스템',
    '유니온파일시스템',
    'overlayfs',
    'overlay2',
    'aufs',
  ],
  volume: ['볼륨', '볼룸', 'volumes'],
  // Docker's third kind of mount, in memory; `tmps` is how notes misspell it (one letter short, below the Latin typo
  // reading's five letters).
  tmpfs: ['tmp fs', 'tmps', '임시 파일 시스템', '임시 파일시스템', '임시파일시스템', '티엠피에프에스'],
  hostpath: ['host path', '호스트패스', '호스트 패스', 'hostpaths'],
  emptydir: [
    'empty dir',
    '엠티디렉토리',
    '엠티 디렉토리',
    '엠티디렉터리',
    '엠티 디렉터리',
    '엠프티디렉토리',
    '엠티디아이알',
  ],
  persistentvolume: ['pv', 'persistent volume', '퍼시스턴트 볼륨', '퍼시스턴트볼륨', '영구 볼륨', '영구볼륨'],
  persistentvolumeclaim: [
    'pvc',
    'persistent volume claim',
    '퍼시스턴트 볼륨 클레임',
    '퍼시스턴트볼륨클레임',
    'volume claim',
    '볼륨 클레임',
    '볼륨클레임',
  ],
  storageclass: ['storage class', '스토리지 클래스', '스토리지클래스'],
  mount: ['마운트'],
  bind: ['바인드', '바인딩'],
  network: ['네트워크', '네트웍'],
  bridge: ['브리지', '브릿지'],
  overlay: ['오버레이'],
  driver: ['드라이버'],
  plugin: ['플러그인'],
  port: ['포트', 'ports'],
  forward: ['포워딩', '포워드', 'forwarding', 'forwarded'],
  publish: ['퍼블리시', '퍼블리쉬', 'published'],
  expose: ['익스포즈', 'exposed', '노출'],
  nodeport: ['node port', '노드포트', '노드 포트'],
  externalname: ['external name', '익스터널네임', '익스터널 네임', '외부 이름'],
  headless: ['헤드리스', 'headless service', '헤드리스 서비스'],
  session: ['세션', 'sessions'],
  sticky: ['스티키', '스티킹', 'stickiness', '고정 세션'],
  fanout: ['fan out', '팬아웃', '팬 아웃'],
  path: ['경로', '패스', 'paths', 'pathtype'],
  prefix: ['접두사', '프리픽스', 'prefixes'],
  clusterip: ['cluster ip', '클러스터아이피', '클러스터 아이피'],
  loadbalancer: [
    'load balancer',
    '로드밸런서',
    '로드 밸런서',
    'load balancing',
    '로드밸런싱',
    '로드 밸런싱',
    '부하 분산',
    '부하분산',
    'lb',
  ],
  endpoint: ['엔드포인트', 'endpoints', '엔드 포인트'],
  daemon: ['데몬'],
  engine: ['엔진'],
  runtime: ['런타임'],
  kernel: ['커널'],
  namespace: ['네임스페이스', '네임 스페이스', 'name space', 'ns'],
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
  cache: ['캐시', '캐싱', 'caching', 'cached', 'caches', '캐쉬'],
  log: ['로그', 'logs', 'logging', '로깅', '로그들'],
  command: ['명령', '명령어', '커맨드', 'cmd'],
  external: ['외부', 'outside', 'external', 'externally', '바깥', '바깥쪽', '익스터널'],
  internal: ['내부', 'inside', 'internally', '안쪽'],
  multi: ['멀티', 'multiple', '다중', '멀티플'],
  maintenance: ['유지보수', '유지 보수', '정비'],
  format: ['형식', '포맷', 'formats', 'formatting', '포매팅', '서식'],
  option: ['옵션', 'flag', '플래그', 'options', 'flags'],
  list: ['목록', '리스트', 'ls', 'lists', 'listing', '나열', '리스팅'],
  shell: ['셸', '쉘', 'bash', 'sh', 'zsh', '배시'],
  terminal: ['터미널'],
  cli: ['씨엘아이', 'command line', 'commandline', '커맨드라인'],
  api: ['에이피아이'],
  rest: ['레스트'],
  tool: ['도구', '툴', 'tools'],
  install: ['설치', '인스톨', 'installation'],
  run: ['실행', 'running', 'execute', 'execution', '러닝', 'launch', '구동', '기동', '띄우기', 'ran'],
  // Running a command inside a running container is what exec does: members ask it that way.
  exec: [
    '익젝',
    '이그젝',
    '엑섹',
    '엑젝',
    '안에서 실행',
    '안에서 명령어 실행',
    '내부에서 실행',
    '내부에서 명령어 실행',
  ],
  attach: ['어태치', 'attached', '어태치드', 'attaching'],
  detach: [
    '디태치',
    '디태치드',
    'detached',
    'detaching',
    'detach mode',
    'detached mode',
    '백그라운드',
    'background',
    'backgrounds',
    '분리 모드',
  ],
  foreground: ['포그라운드'],
  interactive: ['인터랙티브', '인터렉티브', '대화형'],
  copy: ['복사', '카피', 'cp', 'copied', 'copies', 'copying'],
  write: ['쓰기', 'writes', 'writing', 'written', 'writable', '라이트'],
  readonly: ['읽기 전용', '읽기전용', 'read-only', 'read only', 'readonly'],
  // Cloud course notes say billing; members ask about 요금 and 과금.
  billing: ['요금', '과금', '청구', 'billing', 'bill', 'bills'],
  prevent: ['방지', '예방', 'prevent', 'prevents', 'prevention', 'prevented'],
  start: ['시작', '스타트'],
  stop: ['정지', '중지', '스톱', 'stopped'],
  pause: ['일시정지', '일시 정지', '포즈', 'paused'],
  restart: ['재시작', '리스타트', 'restarts', 'restarted', '재실행', '재기동', '다시 시작', '다시 실행', '다시 띄우'],
  auto: ['자동', 'automatic', 'automatically', 'automated', '오토', 'autom'],
  remove: ['삭제', '제거', 'delete', 'deleted', 'deleting', 'rm', 'rmi', 'removed', 'removing', 'erase', 'prune'],
  create: ['생성', 'created', 'creating', 'creation', 'make', 'makes', 'made', 'making'],
  state: ['상태', 'status', '스테이트'],
  relationship: ['관계', 'relation', 'relations'],
  version: ['버전'],
  // 안전하게 보관, 더 안전한 이유: in notes on secrets and access, safe is said for secure.
  security: ['보안', '시큐리티', '안전', 'secure'],
  pipeline: ['파이프라인'],
  deploy: ['배포', '디플로이', 'deployed', 'deploying'],
  deployment: ['디플로이먼트', 'deployments', '디플로이먼츠', '디플로이 먼트'],
  rollout: ['롤아웃', 'rollouts', 'rolling update', '롤링 업데이트', '롤링업데이트', 'rollingupdate', '롤링'],
  share: ['공유', 'sharing'],
  search: ['검색', '서치', '찾', '찾기', '탐색'],
  manage: ['관리', 'management', '매니지먼트'],
  address: ['주소'],
  name: ['이름', '네임', 'naming', '네이밍', '명칭'],
  rule: ['규칙', '룰', 'convention', 'conventions', '컨벤션'],
  help: ['도움말', '헬프'],
  message: ['메시지', '메세지'],
  page: ['페이지'],
  project: ['프로젝트'],
  push: ['푸시', '푸쉬', 'pushed', 'pushing', 'upload', '업로드', 'uploaded'],
  pull: ['풀', 'pulled', 'pulling', 'download', '다운로드', '다운', 'downloaded'],
  commit: ['커밋'],
  inspect: ['인스펙트'],
  environment: ['환경', 'env', '인바이런먼트'],
  variable: ['변수', 'var'],
  config: ['설정', '구성', 'configuration', '컨피그', 'configure', 'settings', 'setting', 'configured', '세팅'],
  configmap: ['컨피그맵', 'config map', 'configmaps', '컨피그 맵', 'cm'],
  secret: ['시크릿', 'secrets', '시크릿트', '씨크릿'],
  resource: ['리소스', '자원'],
  isolation: ['격리', '고립', 'isolate', 'isolated', '아이솔레이션'],
  virtualization: ['가상화', 'virtualize'],
  virtualmachine: ['가상머신', '가상 머신', 'virtual machine', 'vm', '버추얼머신'],
  hypervisor: ['하이퍼바이저'],
  os: ['운영체제', '운영 체제', 'operating system', '오에스'],
  linux: ['리눅스'],
  ubuntu: ['우분투'],
  centos: ['센토스', 'cent os'],
  debian: ['데비안'],
  alpine: ['알파인'],
  windows: ['윈도우', '윈도', '윈도우즈'],
  // Not the Latin 'mac': notes say MAC 주소 for the network address.
  macos: ['맥', '맥os', '맥오에스', '맥북', 'macbook', 'osx', 'os x'],
  cluster: ['클러스터', 'clusters', 'clustering', '클러스터링'],
  node: ['노드', 'nodes'],
  workernode: ['worker node', '워커 노드', '워커노드', 'worker', '워커'],
  controlplane: [
    'control plane',
    '컨트롤 플레인',
    '컨트롤플레인',
    'master node',
    '마스터 노드',
    '마스터노드',
    '마스터',
  ],
  apiserver: ['api server', 'kube apiserver', 'kube-apiserver', 'api 서버', 'api서버', '에이피아이 서버'],
  etcd: ['엣시디', '이티시디', '엣지디', 'etcd cluster'],
  kubelet: ['큐블릿', '쿠블릿', '큐브렛', '큐블렛', '쿠블렛', '쿠버렛', 'kubelets'],
  kubeproxy: ['kube proxy', 'kube-proxy', '큐브 프록시', '큐브프록시', '쿠브 프록시', '쿠베 프록시', '쿠버 프록시'],
  controllermanager: [
    'controller manager',
    'kube controller manager',
    'kube-controller-manager',
    '컨트롤러 매니저',
    '컨트롤러매니저',
    // How members often name it (the component runs the controllers; "control manager" is the usual slip).
    'control manager',
    'kube control manager',
    '컨트롤 매니저',
  ],
  kubectl: [
    '큐브컨트롤',
    '큐브씨티엘',
    '쿠베컨트롤',
    '큐브시티엘',
    '쿠버컨트롤',
    '큐브 컨트롤',
    '큐브커틀',
    '쿠베시티엘',
  ],
  kubeadm: ['큐브어드민', '큐브에이디엠'],
  minikube: ['미니큐브'],
  helm: ['헬름', 'helm chart', '헬름 차트'],
  pod: ['파드', '포드', 'pods'],
  sidecar: ['사이드카', 'sidecars', 'side car'],
  ambassador: ['앰버서더', '엠버서더', '앰배서더', 'ambassadors'],
  adapter: ['어댑터', '아답터', 'adapters'],
  static: ['스태틱', '정적', 'statically'],
  dynamic: ['다이나믹', '다이내믹', '동적', 'dynamically'],
  drain: ['드레인', 'drained', 'draining'],
  cordon: ['코든', '코돈', 'cardon', 'cordoned', 'uncordon', '언코든'],
  canary: ['카나리', '카나리아', 'canaries'],
  bluegreen: ['blue green', '블루그린', '블루 그린', '블루/그린'],
  immutable: ['불변', '이뮤터블', '변경 불가', 'immutability'],
  addon: ['애드온', 'add on', 'addons', '부가 기능'],
  horizontal: ['수평', '수평적', 'horizontally'],
  vertical: ['수직', '수직적', 'vertically'],
  runc: ['런씨'],
  field: ['필드', 'fields'],
  output: ['출력', 'outputs', '아웃풋'],
  custom: ['커스텀', '사용자 정의', '사용자정의', 'customize', 'customized', 'customise'],
  // What is there from the start (초기 네임스페이스, 처음부터 있는 네임스페이스); 초기화 stays its own word.
  initial: ['초기', '처음부터', '이니셜', 'initially'],
  initcontainer: ['init container', 'init containers', '초기화 컨테이너', '이닛 컨테이너', 'init 컨테이너'],
  service: ['서비스', 'services', 'svc'],
  // Containers finding each other by name (DNS) is service discovery: 컨테이너끼리 이름으로 찾는 원리.
  discovery: ['디스커버리', 'discover', 'discovered', '이름으로 찾', '이름으로 찾기'],
  // Docker swarm's ingress network is its routing mesh.
  ingress: ['인그레스', 'ingresses', '인그레스들', 'routing mesh', '라우팅 메시', '라우팅 메쉬', '라우팅메시'],
  replica: ['레플리카', 'replicas', '복제본', '레플리카들'],
  replicaset: ['레플리카셋', 'replica set', 'replicasets', '레플리카 셋', 'rs', '레플리카세트'],
  replicationcontroller: ['replication controller', '레플리케이션 컨트롤러', '레플리케이션컨트롤러', 'rc'],
  statefulset: ['스테이트풀셋', 'stateful set', 'statefulsets', '스테이트풀 셋', '스테이트풀세트'],
  daemonset: ['데몬셋', 'daemon set', 'daemonsets', '데몬 셋', '데몬세트'],
  job: ['잡', 'jobs'],
  cronjob: ['크론잡', 'cron job', 'cronjobs', '크론 잡', 'cron', '크론'],
  label: ['레이블', '라벨', 'labels', 'labeling', '레이블링', '라벨링'],
  selector: ['셀렉터', 'selectors', '선택기', '실렉터', 'matchlabels', 'match labels'],
  annotation: ['어노테이션', 'annotations', '애너테이션', '주석'],
  taint: ['테인트', 'taints'],
  toleration: ['톨러레이션', 'tolerations', '톨러레이션스'],
  affinity: ['어피니티', '친화성', 'affinities', 'antiaffinity', 'anti affinity', '안티어피니티', '안티 어피니티'],
  probe: ['프로브', 'probes', '프로브들'],
  // A pod's phase (Pending, Running, Succeeded …); read as a typo of 페이지 (page) before.
  phase: ['페이즈', 'phases'],
  liveness: ['라이브니스', '활성 프로브', 'livenessprobe', 'liveness probe', '라이브니스 프로브', '라이브니스프로브'],
  readiness: ['레디니스', '준비성 프로브', 'readinessprobe', 'readiness probe', '레디니스 프로브', '레디니스프로브'],
  startupprobe: ['startup probe', '스타트업 프로브', '스타트업프로브'],
  autoscaling: [
    '오토스케일링',
    '오토 스케일링',
    'autoscale',
    'autoscaler',
    'auto scaling',
    '오토스케일러',
    '오토 스케일러',
    'hpa',
    'horizontal pod autoscaler',
    'horizontalpodautoscaler',
    '수평 파드 오토스케일러',
    '자동 확장',
    '자동확장',
  ],
  vpa: ['vertical pod autoscaler', 'verticalpodautoscaler', '수직 파드 오토스케일러'],
  scheduler: [
    '스케줄러',
    '스케쥴러',
    'scheduling',
    '스케줄링',
    '스케쥴링',
    'schedule',
    'scheduled',
    'kube scheduler',
    'kube-scheduler',
  ],
  controller: ['컨트롤러', 'controllers'],
  object: ['오브젝트', 'objects', '객체'],
  spec: ['스펙', '명세', 'specs', 'specification'],
  rbac: ['알백', '역할 기반 접근 제어'],
  serviceaccount: ['service account', '서비스 어카운트', '서비스어카운트', '서비스 계정', '서비스계정'],
  // RBAC's roles. The bare 롤 stays a word (role alone means 역할, what a thing is for); a question's 롤 also reads
  // role (QUERY_SENSES), as English notes write RBAC's Role.
  clusterrole: ['클러스터롤', '클러스터 롤', 'cluster role', 'clusterroles'],
  rolebinding: ['롤바인딩', '롤 바인딩', 'role binding', 'rolebindings'],
  clusterrolebinding: ['클러스터롤바인딩', '클러스터 롤 바인딩', 'cluster role binding', 'clusterrolebindings'],
  profile: ['프로파일', '프로필', 'profiles'],
  imperative: ['명령형', '명령적', '명령적 접근'],
  declarative: ['선언형', '선언적', '선언적 접근'],
  appear: ['등장', '출현', '탄생'],
  access: ['접속', '접근', '액세스', 'accessing'],
  syntax: ['문법', '구문', 'grammar'],
  consumption: ['사용량', '사용현황', '사용 현황', '사용률'],
  // A node or container that dies or goes down: 장애, 죽다, crash.
  failure: ['장애', '고장', 'fail', 'failed', 'failures', 'crash', 'crashed'],
  // Resource kinds named by two words: read as one, so a note on network policies is not a note on networks.
  networkpolicy: [
    'network policy',
    'networkpolicies',
    '네트워크 폴리시',
    '네트워크폴리시',
    '네트워크 정책',
    '네트워크정책',
  ],
  securitycontext: ['security context', '보안 컨텍스트', '보안컨텍스트', '시큐리티 컨텍스트'],
  nodeselector: ['node selector', '노드 셀렉터', '노드셀렉터'],
  limitrange: ['limit range', 'limitranges', '리밋 레인지', '리밋레인지'],
  poddisruptionbudget: ['pod disruption budget', 'poddisruptionbudgets', 'pdb', '파드 중단 예산'],
  crd: ['custom resource definition', 'customresourcedefinition', 'crds', '커스텀 리소스 정의'],
  admissioncontroller: ['admission controller', 'admission controllers', '어드미션 컨트롤러'],
  priorityclass: ['priority class', 'priorityclasses', '프라이어리티 클래스'],
  account: ['어카운트', '계정', 'accounts'],
  cni: ['컨테이너 네트워크 인터페이스', 'container network interface'],
  cri: ['container runtime interface', '컨테이너 런타임 인터페이스'],
  containerd: ['컨테이너디'],
  operator: ['오퍼레이터', 'operators'],
  policy: ['정책', '폴리시', 'policies'],
  limit: ['리밋', 'limits', '리소스 제한'],
  quota: ['쿼터', 'quotas', 'resourcequota', 'resource quota'],
  metrics: ['메트릭', '메트릭스', 'metric', '지표', 'metricsserver', 'metrics server'],
  orchestration: ['오케스트레이션', 'orchestrator', '오케스트레이터'],
  swarm: ['스웜'],
  proxy: ['프록시'],
  gateway: ['게이트웨이'],
  dns: ['디엔에스'],
  ip: ['아이피'],
  protocol: ['프로토콜'],
  load: ['로드'],
  balancer: ['밸런서', 'balancing', '밸런싱'],
  scale: [
    '스케일',
    'scaling',
    '스케일링',
    '확장',
    'scaled',
    'scalability',
    '확장성',
    '스케일아웃',
    'scale out',
    'scaleout',
  ],
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
  // A multi-stage build is its own topic: a CI pipeline's `stage('빌드')` is not one.
  stage: ['스테이지'],
  multistage: ['multi stage', '멀티스테이지', '멀티 스테이지'],
  size: ['크기', '용량', 'sizes'],
  reduce: ['감소', '축소', 'shrink', 'decrease', 'minimize'],
  collect: ['수집', '취합', 'gather', 'aggregate', 'collection', 'collector'],
  workdir: ['work dir', '작업 디렉토리', '작업디렉토리', '작업 디렉터리', '워크디렉토리', 'working directory'],
  dockerignore: ['도커이그노어', 'docker ignore', '.dockerignore'],
  context: ['컨텍스트', 'contexts', '빌드 컨텍스트'],
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
  open: ['개방', '오픈', 'opened', 'opening'],
  mapping: ['매핑', '맵핑', 'mappings', 'mapped'],
  opensource: ['오픈소스', '오픈 소스', 'open source', 'open-source', 'oss'],
  default: ['기본값', '디폴트', 'defaults', 'by default'],
  // API를 호출하다 is sending it a request.
  request: ['요청', '호출', '리퀘스트', 'requests', 'requested'],
  invalidate: ['무효', '무효화', 'invalidate', 'invalidated', 'invalidation'],
  split: ['분배', '분할', 'split', 'distribute', 'distributed', 'distribution'],
  kill: ['킬'],
  error: ['에러', '오류'],
  debug: ['디버그', '디버깅', 'debugging'],
  test: ['테스트', 'testing'],
  update: ['업데이트'],
  upgrade: ['업그레이드'],
  rollback: ['롤백'],
  connect: ['연결', 'connection', 'connected', 'connecting', '커넥션'],
  component: ['컴포넌트', '구성 요소', '구성요소', 'components', '구성품'],
  agent: ['에이전트', 'agents'],
  traffic: ['트래픽'],
  routing: ['라우팅', 'route', 'routes', '라우트', 'router', '라우터'],
  difference: [
    '차이',
    '차이점',
    '다른점',
    '다른 점',
    '달라',
    '다름',
    'differences',
    'different',
    'differ',
    'vs',
    'versus',
    '비교',
    'compare',
    'comparison',
  ],
  why: ['왜', '이유', 'reason', 'reasons', '왜요', '왜죠', '왜지', '왜냐', '까닭'],
  when: ['언제', '언제쯤', '시점'],
  where: ['위치', '어디', '어디에', '어디서', '어딨어', 'location'],
  how: [
    '어떻게',
    '어떡',
    '어케',
    '어캐',
    '방법',
    '법',
    '방법들',
    '하는법',
    '하는 법',
    '하는방법',
    '사용법',
    'howto',
    'how to',
    'method',
    'methods',
    // X 동작 방식 / 작동 원리: how X works, which its section shows without saying so.
    '동작 방식',
    '동작방식',
    '동작 원리',
    '동작원리',
    '작동 방식',
    '작동방식',
    '작동 원리',
    '작동원리',
  ],
  kinds: ['종류', '뭐뭐', '종류들', 'kind of', 'kinds of', 'types of', '타입', '유형', 'type', 'types', '타입들'],
  features: ['특징', '특성', '특징들', 'feature', 'characteristics', 'characteristic'],
  // 주의할 점, 주의 사항: what to watch out for (a question's frame; `Probe 사용시 주의 사항` is such a section).
  class: ['클래스', 'classes'],
  // Kubernetes and Docker words the notes write in English and questions in Hangul (or the other way round).
  pattern: ['패턴', 'patterns'],
  reclaim: ['리클레임'],
  provisioning: ['프로비저닝', 'provision', 'provisioned'],
  provisioner: ['프로비저너', 'provisioners'],
  handler: ['핸들러', 'handlers'],
  burstable: ['버스터블', 'burst', '버스트'],
  besteffort: ['베스트에포트', '베스트 에포트', '베스트에퍼트', 'best effort'],
  guaranteed: ['개런티드', '개런티', 'guarantee'],
  overhead: ['오버헤드'],
  revision: ['리비전', 'revisions'],
  history: ['히스토리', '이력', 'histories'],
  strategy: ['스트래티지', '전략', 'strategies'],
  condition: ['컨디션', '조건', 'conditions'],
  heartbeat: ['하트비트', 'heartbeats'],
  eviction: ['축출', '이빅션', 'evict', 'evicted', 'evictions'],
  preemption: ['선점', 'preempt', 'preempted'],
  subnet: ['서브넷', 'subnets'],
  instance: ['인스턴스', 'instances'],
  concurrency: ['동시성', 'concurrent', 'concurrencypolicy'],
  backoff: ['백오프', 'back off'],
  deadline: ['데드라인', 'deadlines'],
  parallelism: ['병렬', '병렬성', 'parallel', '병렬로'],
  completion: ['완료', 'completions', 'complete', 'completed'],
  allocation: ['할당', 'allocate', 'allocated', 'allocatable'],
  caution: [
    '주의',
    '주의점',
    '주의사항',
    '주의 사항',
    '주의할 점',
    '유의',
    '유의점',
    '유의사항',
    '유의 사항',
    '유의할 점',
    'caveat',
    'caveats',
    'pitfall',
    'pitfalls',
  ],
  example: ['예시', '예제', 'examples', 'sample', 'samples', '샘플', '예', '예시들'],
  summary: ['정리', '요약', 'summaries', '총정리', '핵심 정리', '핵심', '요점', '포인트', 'gist'],
  // Its own term, so 포인트 (the gist) is not read in it.
  checkpoint: ['체크포인트', 'checkpoints'],
  // The definitional questions too (뭐야, 뭐임, what is): they rank `X란?`, `X의 정의` first, never block an answer.
  concept: [
    ...['개념', '정의', '의미', '뜻', 'concepts', 'definition', 'definitions', 'meaning', '개념 정리', 'what'],
    ...['뭐야', '뭐임', '뭐에요', '뭐예요', '뭔가요', '뭐지', '뭐였지', '뭐였더라', '뭐냐', '뭔데', '뭐니', '뭘까'],
    ...['무엇', '무엇인가', '무엇인가요', '무엇일까', '무엇인지', '뭔지'],
    // A heading that introduces its topic (라이브니스 프로브 소개, Kubernetes 개요) is where it is defined.
    ...['소개', '개요', 'introduction', 'introducing', 'intro', 'overview'],
  ],
  prosandcons: ['장단점', '장단', '장/단점', 'pros and cons', 'pros/cons', 'trade-off', 'tradeoff', 'tradeoffs'],
  advantage: ['장점', '좋은 점', '좋은점', '이점', '강점', 'advantages', 'benefit', 'benefits', 'pros'],
  disadvantage: ['단점', '나쁜 점', '나쁜점', '약점', '한계', 'disadvantages', 'drawback', 'drawbacks', 'cons'],
  role: ['역할', '하는 일', '하는일', 'responsibility', 'responsibilities'],
  purpose: ['용도', '목적', '쓰임', '쓰임새', 'purpose', 'purposes', 'usage'],
  need: [
    ...['필요', '필요성', '필수', 'necessary', 'required', 'require', 'requires', 'needed', '요구사항', '요구 사항'],
    ...['사전 요구사항', '사전요구사항', '요구', 'prerequisite', 'prerequisites', 'requirement', 'requirements'],
    ...['사전 조건', '사전조건', '전제 조건', '전제조건'],
  ],
  previous: ['이전', 'previous', 'prev', '지난', '예전'],
  // 주기 is a noun (a health check's interval), never 주다 + 기.
  interval: ['주기', '주기적', '간격', 'intervals', 'period', 'periodic', 'periodically'],
  priority: ['우선순위', '우선 순위', '우선권', '우선', 'precedence', 'priorities', 'prioritize', 'prioritized'],
  all: ['모든', '전부', '전체', '모두', 'every', '다수'],
  use: ['사용', '이용', '활용', 'using', 'utilize'],
  change: ['변경', '교체', 'changes', 'changed', 'changing', 'modify', 'modified', 'edit', 'edited', '수정'],
  fast: ['빠른', '빠르게', '속도', '빠름', 'faster', 'speed', 'quick', 'quickly'],
  performance: ['성능', '퍼포먼스', 'perf'],
  optimize: ['최적화', 'optimization', 'optimise', 'optimized', '최적'],
  disappear: ['사라짐', '소멸', '유실', 'disappears', 'lost', 'lose', 'loss'],
  enable: ['활성화', 'enabled', '켜기', 'activate', 'activated'],
  disable: ['비활성화', 'disabled', '끄기', 'deactivate'],
  inject: ['주입', 'injection', 'injected', 'injects'],
  choose: ['선택', '결정', 'select', 'selection', 'choice', 'decide', 'decision'],
  check: ['확인', '조회', 'view', 'inspection', 'checking', 'lookup', '살펴보기', '체크', '점검'],
  save: ['저장', 'store', 'stores', 'stored', 'storing', 'saves', 'saving'],
  // Words of English questions that Korean notes say in Korean (is latest always the newest version, what tag is used
  // if I omit it, how to remove dangling images, why are layers stacked).
  newest: ['최신', 'recent', 'most recent', 'up to date'],
  omit: ['생략', 'omitted', 'omitting', 'leave out'],
  dangling: ['댕글링'],
  stack: ['stacked', 'stacking', 'stacks'],
  keep: [
    '유지',
    '보존',
    '보관',
    'persist',
    'persistence',
    'persistent',
    'retain',
    'preserve',
    '영속',
    '영속성',
    '영구',
    '지속',
  ],
};

/**
 * Verb stems (the dictionary form without 다) that mean a table term: 지우다 means remove, 올리다 push. Their
 * conjugations (지워, 지웠는데, 지우는, 올려야, 봐, 보는) are generated by korean.ts, so one entry covers them all.
 */
export const VERB_STEMS: Record<string, string[]> = {
  remove: ['지우', '없애', '삭제되', '지워지'],
  push: ['올리'],
  // 이미지를 가져오다 is how notes say pull.
  pull: ['내려받', '받아오', '당겨오', '가져오'],
  // 파일 꺼내오기 is docker cp out of a container.
  copy: ['옮기', '베끼', '꺼내', '꺼내오', '빼오'],
  // 도는 / 돌아가는 파드: a pod that runs (돌다); 돌리다 is running it.
  run: ['띄우', '돌리', '실행되', '켜지', '돌', '돌아가'],
  stop: ['멈추', '세우'],
  // 컨테이너에서 빠져나오다 / 나가다 is leaving its shell (exit, ctrl + P, Q).
  exit: ['빠져나오', '빠져나가', '나가', '꺼지'],
  // 포트를 열다 (열어, 열려면) is opening a port.
  open: ['열'],
  // 캐시가 깨지다 is its invalidation; 나누다 / 나눠지다 is splitting or distributing.
  invalidate: ['깨지'],
  split: ['나누', '나눠지', '쪼개'],
  prevent: ['막'],
  reduce: ['줄이', '줄어들'],
  // 깔다 is how chat says install (도커 까는 법).
  install: ['깔', '설치하'],
  failure: ['죽', '뻗', '터지'],
  // 컨테이너에 들어가다 is getting a shell in it (접속); a container that 꺼지다 has exited (종료).
  access: ['들어가', '접속하', '접근하'],
  // 왜 나왔어 asks why a thing appeared (등장 배경): 나오다 / 나타나다.
  appear: ['나오', '나타나', '생겨나'],
  collect: ['모으', '모아', '모이'],
  create: ['만들', '생기'],
  connect: ['붙이', '이어붙이', '연결하'],
  change: ['바꾸', '바뀌', '고치'],
  fast: ['빠르'],
  disappear: ['사라지', '날아가', '없어지', '날라가'],
  rollback: ['되돌리', '돌이키', '롤백하'],
  enable: ['켜'],
  disable: ['끄'],
  inject: ['넣', '집어넣'],
  use: ['쓰'],
  choose: ['정하', '고르'],
  check: ['보', '보이', '살펴보', '찾아보', '들여다보'],
  search: ['찾'],
  stack: ['쌓', '쌓이', '겹치', '겹쳐지'],
  keep: ['남기', '지키'],
  // 뭐가 이겨? asks which one takes precedence.
  priority: ['이기'],
  difference: ['다르'],
};

/**
 * A table looked up by words from the notes and questions, as a Map: an object literal would answer `constructor`
 * or `valueOf` (words that real notes' code blocks hold) with Object.prototype's functions.
 */
function tableOf<V>(entries: Record<string, V>): ReadonlyMap<string, V> {
  return new Map(Object.entries(entries));
}

/**
 * Other terms a question's word may mean, any of which answers it (read at query time only; the notes keep their
 * own terms): a Kubernetes note's 배포 is often its Deployment (카나리 배포 answered by 카나리 디플로이먼트), while
 * a Docker note's 디플로이먼트 is rare and 배포 stays deploy there. Measured on the dev set, 붙이다 as mount (besides
 * connect) and 띄우다 as deploy or create lost more than they found, so they are not here.
 */
export const QUERY_SENSES: ReadonlyMap<string, readonly string[]> = tableOf({
  deploy: ['deployment'],
  // 도커파일 작성 순서 is answered by 도커파일 만드는 순서: a file or manifest is written and made alike.
  작성: ['create'],
  // 기본 동작, 기본 네트워크: the default (notes write `By default`, 기본값), or the basics (기본 명령어).
  기본: ['default'],
  // 롤 in a question is RBAC's Role, which English notes write as the word role.
  롤: ['role'],
  // Docker's -p is called port mapping and port forwarding alike: 포트 매핑 is answered by 포트포워딩.
  mapping: ['forward'],
});

/** Table terms that stand for several: 장단점 is both 장점 and 단점, so a section with either half matches half. */
export const COMPOUND_TERMS: ReadonlyMap<string, readonly string[]> = tableOf({
  prosandcons: ['advantage', 'disadvantage'],
});

/**
 * Words a heading uses for a kind of content rather than a topic (`### 종류`, `## 개념 정리`, `### 명령어`):
 * a section headed so earns no heading bonus for them (the topic is in its ancestors, which the path field has).
 * Terms as analyze() gives them.
 */
export const GENERIC_HEADING_TERMS = new Set([
  'kinds',
  'features',
  'example',
  'summary',
  'concept',
  'command',
  '내용',
  '실습',
  '기초',
  '기본',
  'advantage',
  'disadvantage',
  '장단',
  '참고',
  'note',
  'basic',
]);

/**
 * Terms that say little on their own and weigh less in a question: a question "A와 B 차이" is about A and B, and
 * 역할 / 용도 frame a question more than they name its topic; 모드 only frames the name before it (디태치드 모드, 스웜
 * 모드, 드레인 모드 are about detached, swarm, drain), so another mode's heading must not outweigh that name.
 */
export const TERM_WEIGHTS: ReadonlyMap<string, number> = tableOf({
  all: 0.5,
  previous: 0.5,
  check: 0.5,
  choose: 0.7,
  auto: 0.7,
  기능: 0.5,
  원리: 0.5,
  // How a topic is laid out or goes (X 과정, X 흐름, X 문법 / syntax): its section need not say so.
  과정: 0.5,
  흐름: 0.5,
  // 기본 동작, 작동 방식: how a topic behaves, which its section tells without saying so.
  동작: 0.5,
  작동: 0.5,
  syntax: 0.5,
  모드: 0.5,
  // Nouns that frame more than they name (컨피그맵 값을 …, 이런 경우에, 설치 방식), and qualifiers said as adverbs
  // (강제로 지우면, 어떤 순서로, 직접 만든, 따로, 동시에): a section lacking them still answers.
  값: 0.5,
  경우: 0.5,
  방식: 0.5,
  강제: 0.5,
  order: 0.5,
  직접: 0.5,
  따로: 0.5,
  동시: 0.5,
  // `…하는 명령어` asks for the command of an action: the section about the action (컨테이너 실행 for 이미지로
  // 컨테이너 띄우는 명령어) shows it in code without saying 명령어, and must not lose to one about commands in general.
  command: 0.5,
  // `HPA 설정`, `헬스 체크 설정하는 법` ask how to set the topic up: its section need not say 설정.
  config: 0.5,
});

/**
 * What a question asks rather than what it is about: why (왜, 이유), when (언제), how (어떻게, 방법, 하는 법), the
 * difference (차이, 달라, vs) or the relation (A와 B 관계), where (위치, 어디), the kinds (뭐뭐, 종류), the role or
 * purpose (역할, 용도), the need (필요), use (쓰다, 사용), what is there from the start (초기, 처음부터: `처음부터 다시`
 * asks nothing about it). These terms are optional in a question: a section that has them ranks higher
 * (`쿠버네티스가 필요한 이유` for `쿠버네티스 왜 필요함`, `언제 사용하나?` under `init 컨테이너`), one that lacks them
 * loses nothing, so they never count against coverage.
 */
export const OPTIONAL_TERMS = new Set([
  'why',
  'when',
  'where',
  'how',
  'difference',
  'kinds',
  'features',
  'example',
  'summary',
  'concept',
  'role',
  'purpose',
  'need',
  'use',
  'initial',
  'relationship',
  'caution',
]);

/** Longest multi-word form, in words (control group, operating system …). */
export const MAX_FORM_WORDS = 3;

function formKey(form: string): string {
  return form.toLowerCase().replace(/[\s_-]+/g, '');
}

const FORMS = new Map<string, string>();
for (const [canonical, forms] of Object.entries(TABLE)) {
  for (const form of [canonical, ...forms]) {
    const key = formKey(form);
    const other = FORMS.get(key);
    // A form under two terms would silently mean the later one: the table is data, so say which entry is wrong.
    if (other !== undefined && other !== canonical)
      throw new Error(`synonyms: '${form}' is a form of both ${other} and ${canonical}`);
    FORMS.set(key, canonical);
  }
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

/** Every form (lowercased, spaces removed) with its canonical term. */
export function formsOf(): IterableIterator<[string, string]> {
  return FORMS.entries();
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
