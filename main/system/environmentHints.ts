/** What to do when a tool is missing, per operating system: one sentence, a command and a link. */
import type { CheckFix, EnvironmentCheck } from '../../contract/system';

type ToolId = EnvironmentCheck['id'];

const LINKS = {
  engineLinux: 'https://docs.docker.com/engine/install/',
  desktopMac: 'https://docs.docker.com/desktop/setup/install/mac-install/',
  desktopWindows: 'https://docs.docker.com/desktop/setup/install/windows-install/',
  compose: 'https://docs.docker.com/compose/install/',
  kind: 'https://kind.sigs.k8s.io/docs/user/quick-start/#installation',
  kubectl: 'https://kubernetes.io/docs/tasks/tools/',
  kubeconfig: 'https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/',
} as const;

/** How to get a missing tool. */
export function installFix(id: ToolId, platform: NodeJS.Platform): CheckFix {
  const mac = platform === 'darwin';
  const win = platform === 'win32';
  switch (id) {
    case 'engine':
    case 'docker':
      if (mac)
        return {
          text: 'Install Docker Desktop (or colima, OrbStack, Rancher Desktop) and start it.',
          command: 'brew install --cask docker',
          url: LINKS.desktopMac,
        };
      if (win)
        return {
          text: 'Install Docker Desktop and start it.',
          command: 'winget install Docker.DockerDesktop',
          url: LINKS.desktopWindows,
        };
      return {
        text: 'Install Docker Engine from your distribution or docker.com, then start it.',
        command: 'sudo apt-get install docker.io && sudo systemctl enable --now docker',
        url: LINKS.engineLinux,
      };
    case 'compose':
      if (mac || win)
        return { text: 'Docker Desktop ships `docker compose`; install or update Docker Desktop.', url: LINKS.compose };
      return {
        text: 'Install the compose plugin (`docker compose`) or the standalone docker-compose.',
        command: 'sudo apt-get install docker-compose-plugin   # or: sudo apt-get install docker-compose',
        url: LINKS.compose,
      };
    case 'kind':
      return {
        text: 'Install kind to create local Kubernetes clusters.',
        command: mac
          ? 'brew install kind'
          : win
            ? 'winget install Kubernetes.kind'
            : 'go install sigs.k8s.io/kind@latest',
        url: LINKS.kind,
      };
    case 'kubectl':
      return {
        text: 'Install kubectl.',
        command: mac
          ? 'brew install kubectl'
          : win
            ? 'winget install Kubernetes.kubectl'
            : 'sudo snap install kubectl --classic   # or see the link for apt',
        url: LINKS.kubectl,
      };
    case 'kubeconfig':
      return {
        text: 'Create a cluster (kind writes the kubeconfig for you) or point KUBECONFIG at one.',
        command: 'kind create cluster',
        url: LINKS.kubeconfig,
      };
  }
}

/** How to start an engine that is installed but not answering. */
export function startEngineFix(platform: NodeJS.Platform, error: string | undefined): CheckFix {
  if (platform === 'darwin')
    return { text: 'Start Docker Desktop (or run `colima start`).', command: 'open -a Docker' };
  if (platform === 'win32') return { text: 'Start Docker Desktop from the Start menu.' };
  if (error && /EACCES|permission denied/i.test(error))
    return {
      text: 'Your user may not use the Docker socket. Add it to the docker group, then log out and in again.',
      command: 'sudo usermod -aG docker $USER',
      url: 'https://docs.docker.com/engine/install/linux-postinstall/',
    };
  return { text: 'Start the Docker service.', command: 'sudo systemctl start docker', url: LINKS.engineLinux };
}
