/**
 * Ranking rules added on the real-notes dev set (bench/quality), each on the smallest notes that show it. Each test
 * fails without its rule: the child section, the generic-word heading, the weaker reading or the half-matching
 * heading wins instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/notes/build.js';
import { SearchEngine } from '../../src/notes/search.js';
import { NOTES_TESTS } from './support/questions.js';

const REAL = path.join(NOTES_TESTS, 'fixtures/real/il-kyun-kubernetes-study');

function indexOf(files: Record<string, string>) {
  return buildIndex(
    Object.entries(files).map(([file, text]) => ({ file, text })),
    { dir: '/notes' },
  );
}

function top(files: Record<string, string>, question: string): string | null {
  const result = indexOf(files).search(question);
  return result.found ? (result.results[0]?.section.heading ?? null) : null;
}

/** The heading bonus one section gets for a question, from the engine's own explanation (explain --debug). */
function headingBonus(files: Record<string, string>, question: string, heading: string): number {
  const engine = new SearchEngine(indexOf(files).sections);
  const candidate = engine.explain(question, { candidates: 50 }).candidates.find((c) => c.heading === heading);
  if (!candidate) throw new Error(`${heading} is not a candidate for ${question}`);
  return candidate.headingBonus;
}

describe('ranking on notes as members write them', () => {
  it('a "what is" question finds the section it names, not a child that repeats the name more often', () => {
    const notes = {
      'static.md': [
        '# Static Pod',
        '',
        'kubelet이 API 서버 없이 직접 띄우는 파드.',
        '',
        '## Static Pod 생성하기',
        '',
        'Static Pod 파일을 manifests 폴더에 두면 kubelet이 Static Pod를 만든다. 폴더는 설정으로 바꿀 수 있다.',
        'Static Pod 이름에는 노드 이름이 붙는다. Static Pod를 지우려면 파일을 지운다.',
        'Static Pod는 kubectl get pods 에도 보이지만 kubectl로 고칠 수는 없다. Static Pod 로그는 노드에서 본다.',
        '',
        '## 다른 파드',
        '',
        '디플로이먼트가 만드는 파드는 API 서버를 거친다.',
      ].join('\n'),
    };
    expect(top(notes, 'static pod가 뭐야')).toBe('Static Pod');
    // Asked what it is, the heading named whole earns more than the same heading for the bare name.
    expect(headingBonus(notes, 'static pod가 뭐야', 'Static Pod')).toBeGreaterThan(
      headingBonus(notes, 'static pod', 'Static Pod') + 0.5,
    );
    // Asked how to make one, the child is still the answer.
    expect(top(notes, 'static pod 생성하기')).toBe('Static Pod 생성하기');
  });

  it('a generic heading word the question says counts toward the heading match', () => {
    const notes = {
      'ns.md': [
        '# 네임스페이스',
        '',
        '## 네임스페이스 동작',
        '',
        'kubectl 명령은 기본으로 default 네임스페이스에서 동작한다. 기본 네임스페이스가 아닌 곳은 -n 으로 준다.',
        'kubectl 설정 파일의 context에 기본 네임스페이스가 설정되어 있다. kubectl 설정은 ~/.kube/config에 있다.',
        '',
        '## 기본 네임스페이스 설정',
        '',
        'kubectl config set-context --current --namespace=dev 로 바꾼다.',
        '',
        '## 파드',
        '',
        '컨테이너를 묶는 단위.',
      ].join('\n'),
    };
    expect(top(notes, 'kubectl 기본 네임스페이스 설정')).toBe('기본 네임스페이스 설정');
    // 기본 is generic (기본 개념), yet asked for it adds to the match instead of only diluting it.
    expect(headingBonus(notes, '기본 네임스페이스', '기본 네임스페이스 설정')).toBeGreaterThan(
      headingBonus(notes, '네임스페이스', '기본 네임스페이스 설정'),
    );
  });

  it('a word said twice counts as its strongest reading (rmi after 삭제하려면)', () => {
    const notes = {
      'cmd.md': [
        '# 도커 명령어',
        '',
        '## Image',
        '',
        '이미지는 컨테이너의 템플릿이다. 이미지는 레이어로 되어 있고 태그로 버전을 나눈다.',
        '',
        '## docker ps',
        '',
        '실행 중인 컨테이너를 본다.',
        '',
        '## docker rmi',
        '',
        '이미지를 지운다. `docker rmi nginx`',
      ].join('\n'),
    };
    expect(top(notes, '이미지 삭제하려면 rmi 쓰는거야?')).toBe('docker rmi');
    const engine = new SearchEngine(indexOf(notes).sections);
    const words = engine.explain('이미지 삭제하려면 rmi 쓰는거야?').words.filter((w) => w.terms.includes('remove'));
    expect(words).toEqual([{ terms: ['remove'], weight: 1 }]);
  });

  it('장단점 asks for both halves: a section with either answers', () => {
    const notes = {
      'msa.md': [
        '# MSA',
        '',
        '서비스를 잘게 나누는 구조.',
        '',
        '## MSA의 장점',
        '',
        '서비스마다 따로 배포하고 확장할 수 있다.',
        '',
        '## 모놀리식',
        '',
        '하나로 배포하는 구조. MSA와 비교된다.',
        '',
        '## 서비스 디스커버리',
        '',
        '서비스가 서로를 이름으로 찾는다.',
      ].join('\n'),
    };
    expect(top(notes, 'msa 장단점')).toBe('MSA의 장점');
    expect(top(notes, 'MSA 좋은 점')).toBe('MSA의 장점');
  });

  it('a lead that is a generic word (장점 - …) labels a property; it does not define a topic', () => {
    const notes = {
      'ch2.md': [
        '# 도커의 동작 원리',
        '',
        '## 도커의 장점',
        '',
        '도커는 환경을 격리하고 이미지로 같은 환경을 어디서든 만든다.',
        '',
        '## 도커의 단점',
        '',
        '리눅스용이라 윈도우에서는 가상 머신이 필요하다.',
      ].join('\n'),
      'ch3.md': [
        '# 도커를 사용하려면',
        '',
        '## 도커를 설치하는 세 가지 방법',
        '',
        '리눅스 컴퓨터에 바로 설치하거나, 가상 머신이나 렌탈 서버에 설치한다. 도커 데스크톱을 쓰는 방법도 있다.',
        '',
        '1. 가상 머신에 도커 설치',
        '    장점 - 가상 머신을 켜고 끄기 쉽다. 필요 없으면 지운다.',
        '    단점 - 네트워크 설정을 따로 해야 하고 리소스를 차지한다.',
        '2. 렌탈 서버에 도커 설치',
        '    장점 - 컴퓨터 사양이 낮아도 쓸 수 있다.',
        '    단점 - 설치 권한이 없을 수 있고 비용이 든다.',
        '',
        '준비물: 리눅스 운영체제, 가상화 소프트웨어, 설치용 USB.',
      ].join('\n'),
    };
    expect(['도커의 장점', '도커의 단점']).toContain(top(notes, '도커 장점 단점'));
  });
});

describe('qualifiers said as adverbs', () => {
  it('a section without the qualifier (강제로, 어떤 순서로) still answers', () => {
    const notes = {
      'swarm.md': [
        '# 도커 스웜',
        '',
        '## 스웜에서 컨테이너를 삭제하는 경우 동작',
        '',
        '스웜은 서비스의 레플리카 수를 지키므로, 컨테이너를 지우면 매니저가 새 컨테이너를 다시 띄운다.',
        '',
        '## 강제 종료 신호',
        '',
        'SIGKILL은 프로세스를 강제로 끝낸다. 강제 종료는 정리할 틈을 주지 않는다. 리눅스 신호 번호는 9번이다.',
        '',
        '## 파드 종료',
        '',
        '파드를 지우면 컨테이너에 SIGTERM을 보내고, 유예 시간이 지나면 SIGKILL로 끝낸다.',
      ].join('\n'),
    };
    expect(top(notes, '스웜에서 컨테이너 강제로 지우면 어떻게 돼')).toBe('스웜에서 컨테이너를 삭제하는 경우 동작');
    expect(top(notes, '파드 지울 때 어떤 순서로 종료돼?')).toBe('파드 종료');
  });

  it('명령어 frames the question like 방식: the section about the action wins over one about commands', () => {
    const notes = {
      'docker.md': [
        '# 도커 기초',
        '',
        '## Dockerfile 명령어',
        '',
        'Dockerfile 명령어는 이미지를 만드는 명령어다. FROM 은 베이스 이미지를, RUN 은 빌드 중 실행할 명령어를,',
        'CMD 는 컨테이너가 시작할 때 실행할 명령어를 정한다. 명령어 하나가 이미지 레이어 하나다.',
        '',
        '## 컨테이너 실행',
        '',
        '`docker run nginx` 명령어는 nginx 이미지로 새 컨테이너를 만들어 실행한다. 실행한 컨테이너는 `-d` 를 붙이면',
        '백그라운드에서 돌고, 컨테이너 이름은 `--name` 으로 정한다.',
        '',
        '## 컨테이너 목록',
        '',
        '`docker ps` 는 실행 중인 컨테이너를, `docker ps -a` 는 멈춘 것까지 보여 준다.',
      ].join('\n'),
    };
    expect(top(notes, '이미지로 컨테이너 띄우는 명령어')).toBe('컨테이너 실행');
    // Asked about commands themselves, the commands section is still the answer.
    expect(top(notes, 'Dockerfile 명령어 뭐뭐 있어')).toBe('Dockerfile 명령어');
  });
});

describe('questions still open', () => {
  it('a section of only open questions (논의해 볼만한 질문) is not an answer', () => {
    const notes = {
      'ch3.md': [
        '# 3장 서비스',
        '',
        '## 인그레스',
        '',
        '인그레스는 클러스터 외부의 HTTP 요청을 경로와 호스트에 따라 서비스로 보낸다. 서비스마다 로드밸런서를 두지 않을 때 쓴다.',
        '',
        '## 논의해 볼만한 질문',
        '',
        '- NodePort와 LoadBalancer는 언제 각각 쓰는 게 더 적절할까?',
        '- 인그레스는 언제 써야 할까? 경로 기반과 서브도메인 기반 중 무엇이 관리하기 쉬울까?',
      ].join('\n'),
    };
    const index = indexOf(notes);
    expect(index.sections.find((s) => s.heading === '논의해 볼만한 질문')?.kind).toBe('record');
    expect(top(notes, 'ingress는 언제 써')).toBe('인그레스');
  });
});

describe('answers only in passing', () => {
  it('a long section that names the asked words once each is a suggestion, not an answer', () => {
    const filler = Array.from(
      { length: 12 },
      (_, i) => `온프레미스 서버 ${i}대를 옮기면서 비용과 운영 방식을 비교했고, 팀마다 일정과 담당자를 정했다.`,
    );
    const notes = {
      'cloud.md': [
        '# 클라우드 환경으로 이주하기',
        '',
        ...filler.slice(0, 6),
        '회사는 ECS 같은 관리형 서비스도 검토했지만 결론은 나중으로 미뤘다. 컨테이너 배포는 다음 분기에 한다.',
        ...filler.slice(6),
        '',
        '# AWS 계정',
        '',
        'AWS 계정을 만들고 IAM 사용자를 둔다.',
        '',
        '# 컨테이너',
        '',
        '컨테이너는 격리된 프로세스다. 컨테이너 배포는 이미지로 한다.',
      ].join('\n'),
    };
    const result = indexOf(notes).search('aws ecs에 컨테이너 배포하는 법');
    expect(result.found).toBe(false);
    expect(result.suggestions.map((s) => s.heading)).toContain('클라우드 환경으로 이주하기');
  });
});

describe('what a question asks, in the words members use', () => {
  it('관계 frames the question like 차이: the notes need not say it', () => {
    const notes = {
      'engine.md': [
        '# 도커 엔진',
        '',
        '## containerd',
        '',
        '도커 엔진은 컨테이너 실행을 containerd에 맡기고, containerd는 저수준 런타임을 불러 컨테이너를 만든다.',
        '',
        '## 저수준 런타임',
        '',
        'runc와 crun은 OCI 명세대로 컨테이너 프로세스를 만든다.',
        '',
        '## 이미지',
        '',
        '이미지는 읽기 전용 레이어의 묶음이다.',
        '',
        '## 볼륨',
        '',
        '볼륨은 컨테이너 밖에 데이터를 둔다.',
      ].join('\n'),
    };
    // 관계 only says what is asked: notes that never say it still answer.
    expect(top(notes, '도커 엔진 containerd runc 관계')).toBe('containerd');
  });

  it("swarm's routing mesh is its ingress network", () => {
    const notes = {
      'swarm.md': [
        '# 도커 스웜',
        '',
        '## 인그레스 네트워킹',
        '',
        '스웜은 클러스터에 들어온 요청을 컨테이너가 실행 중인 노드로 전달하고, 같은 노드의 컨테이너끼리 부하를 나눈다.',
        '',
        '## 오버레이 네트워크',
        '',
        '여러 노드에 걸친 가상 네트워크다.',
      ].join('\n'),
    };
    expect(top(notes, '스웜 라우팅 메시가 뭐야')).toBe('인그레스 네트워킹');
    expect(top(notes, 'swarm routing mesh')).toBe('인그레스 네트워킹');
  });

  it('뭐가 이겨 asks which one takes precedence', () => {
    const notes = {
      'config.md': [
        '# 컨피그맵 주입',
        '',
        '## env로 주입',
        '',
        'env 항목에 변수 이름과 컨피그맵 키를 하나씩 적는다.',
        '',
        '## envFrom으로 주입',
        '',
        'envFrom은 컨피그맵 전체를 환경 변수로 넣는다.',
        '',
        '## 둘 다 쓸 때',
        '',
        'env와 envFrom에 같은 변수가 있으면 env 값이 우선한다.',
      ].join('\n'),
    };
    expect(top(notes, 'env랑 envFrom 둘 다 있으면 뭐가 이겨')).toBe('둘 다 쓸 때');
  });

  it('배포 also means a Deployment: notes that only say 디플로이먼트 answer', () => {
    const notes = {
      'week3.md': [
        '# 디플로이먼트 관리',
        '',
        '## 카나리 디플로이먼트',
        '',
        '새 버전을 레플리카 몇 개에만 먼저 올리고, track 레이블로 안정 버전과 나눈다.',
        '',
        '## 레이블',
        '',
        '카나리 버전과 안정 버전은 track 레이블 값이 다르다.',
      ].join('\n'),
    };
    expect(top(notes, '카나리 배포 어떻게 해?')).toBe('카나리 디플로이먼트');
    const engine = new SearchEngine(indexOf(notes).sections);
    const words = engine.explain('카나리 배포').words.map((word) => word.terms.join(' '));
    expect(words).toContain('deploy|deployment');
  });

  it('a command run inside a running container is exec', () => {
    const notes = {
      'docker.md': [
        '# 컨테이너 다루기',
        '',
        '## 컨테이너 실행',
        '',
        'docker run으로 이미지에서 컨테이너를 실행한다. 실행 중인 컨테이너는 docker ps로 본다.',
        '',
        '## 명령어 실행 (exec)',
        '',
        'docker exec -it web bash',
      ].join('\n'),
    };
    expect(top(notes, '실행중인 컨테이너 안에서 명령어 실행하기')).toBe('명령어 실행 (exec)');
    expect(top(notes, '컨테이너 내부에서 실행하려면')).toBe('명령어 실행 (exec)');
  });

  it('containers finding each other by name is service discovery', () => {
    const notes = {
      'compose.md': [
        '# 도커 컴포즈',
        '',
        '## 서비스 디스커버리',
        '',
        '도커는 같은 네트워크의 컨테이너에 DNS를 제공한다. 컴포즈 서비스 이름이 곧 호스트명이다.',
        '',
        '## 컨테이너 이름',
        '',
        '컴포즈는 프로젝트 이름과 서비스 이름, 번호로 컨테이너 이름을 짓는다. 이름은 --name 으로 바꿀 수도 있다.',
      ].join('\n'),
    };
    expect(top(notes, '컴포즈로 띄운 컨테이너끼리 이름으로 찾는 원리')).toBe('서비스 디스커버리');
    expect(top(notes, '컨테이너 이름 바꾸는 법')).toBe('컨테이너 이름');
  });

  it('the word before 말고 / 대신 is set aside: a hint, not what is asked', () => {
    const notes = {
      'image.md': [
        '# 이미지 만들기',
        '',
        '## docker commit으로 이미지 만들기',
        '',
        '실행 중인 컨테이너를 docker commit 하면 그 상태가 새 이미지가 된다. commit은 빠르지만 과정이 남지 않는다.',
        '',
        '## Dockerfile로 빌드하기',
        '',
        'Dockerfile에 FROM, COPY, RUN을 적고 docker build로 이미지를 만든다. 과정이 파일로 남는다.',
      ].join('\n'),
    };
    expect(top(notes, 'commit 말고 dockerfile로 이미지 만드는 법')).toBe('Dockerfile로 빌드하기');
    expect(top(notes, 'dockerfile 대신 commit으로 이미지 만드는 법')).toBe('docker commit으로 이미지 만들기');
    const words = new SearchEngine(indexOf(notes).sections).explain('commit 말고 dockerfile').words;
    expect(words.find((word) => word.terms.includes('commit'))?.optional).toBe(true);
  });

  it('위치 / 어디 asks where, like 언제 asks when: the answer need not say it', () => {
    const notes = {
      'docker.md': [
        '# 도커 엔진',
        '',
        '## 도커 엔진 설정 파일',
        '',
        '엔진 설정 파일 daemon.json은 리눅스에서 /etc/docker/daemon.json 이다. 고친 뒤 엔진을 재시작한다.',
        '',
        '## 로그 드라이버',
        '',
        '도커 엔진의 기본 로그 드라이버는 설정 파일에서 바꾼다.',
        '',
        '## 사설 레지스트리',
        '',
        '도커 엔진이 믿을 레지스트리도 설정 파일에 적는다.',
        '',
        '## 위치 기반 라우팅',
        '',
        '요청한 사용자의 위치에 따라 가까운 서버로 보낸다. 위치 정보는 헤더에 있다.',
      ].join('\n'),
    };
    expect(top(notes, '도커 엔진 설정 파일 위치')).toBe('도커 엔진 설정 파일');
  });

  it('a name alone before a colon, its definition nested below, is a definition lead (`- kubelet:`)', () => {
    const notes = {
      'overview.md': [
        '# 노드',
        '',
        '## Node Components',
        '',
        '- 모든 노드에서 작동하고 pod 관리',
        '- kubelet:',
        '  - 각 노드에서 실행되는 에이전트',
        '  - pod에서 container가 확실하게 동작하도록 관리한다.',
        '- kube-proxy:',
        '  - 네트워크 프록시, service의 구현',
        '',
        '## 컨트롤 플레인에서 노드로의 통신',
        '',
        'API 서버에서 kubelet 으로 가는 연결은 로그를 가져오고 포트 포워딩에 쓰인다.',
        '노드마다 있는 kubelet 의 HTTPS 엔드포인트로 연결한다.',
      ].join('\n'),
    };
    expect(top(notes, 'kubelet은 무슨 역할이야')).toBe('Node Components');
  });

  it('한번에 / 한꺼번에 (all at once) is grammar: 한번에 다 지우기 still finds the removal sections', () => {
    const notes = {
      'rm.md': [
        '## docker container prune',
        '',
        '정지된 컨테이너를 모두 삭제한다.',
        '',
        '## docker rm',
        '',
        '컨테이너 하나를 이름으로 삭제한다.',
      ].join('\n'),
    };
    expect(top(notes, '멈춘 컨테이너 한번에 다 지우기')).toBe('docker container prune');
    expect(top(notes, '컨테이너 한꺼번에 삭제')).toBe('docker container prune');
  });

  it('a child that answers as fully and names more of the question in its heading goes before its close parent', () => {
    // Real notes (il-kyun/kubernetes-study, MIT, committed for the quality bench), the whole corpus as its IDFs: `docker
    // volume` says 삭제 twice in its own text and scored 0.07 above its child `볼륨 삭제`.
    const notes = Object.fromEntries(
      readdirSync(REAL, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.md'))
        .map((file) => [file, readFileSync(path.join(REAL, file), 'utf8')]),
    );
    expect(top(notes, '도커 볼륨 삭제')).toBe('볼륨 삭제');
    // Asked what it is, the section it names answers, parent or not.
    expect(top(notes, '도커 볼륨이 뭐야')).toBe('docker volume');
  });

  it('주기 is a noun, the interval, not 주다', () => {
    const notes = {
      'health.md': [
        '# 헬스 체크',
        '',
        '## 헬스 체크 간격',
        '',
        'HEALTHCHECK의 interval 옵션으로 검사 간격을 정한다. 기본값은 30초다.',
        '',
        '## 헬스 체크 명령',
        '',
        '헬스 체크 명령은 이미지마다 바꿀 수 있다. 헬스 체크는 컨테이너 안에서 돈다.',
      ].join('\n'),
    };
    expect(top(notes, '헬스체크 주기 바꾸는 법')).toBe('헬스 체크 간격');
  });
});
