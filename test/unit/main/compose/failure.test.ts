/** Compose failures told in the CLI's own words, with what to do. */
import { describe, expect, it } from 'vitest';
import { failureMessage, composeFailure } from '../../../../main/compose/failure';

describe('compose failures in the CLI words', () => {
  const v1PortTaken = [
    'Creating shop_web_1 ... error',
    'ERROR: for shop_web_1  Cannot start service web: driver failed programming external connectivity on endpoint shop_web_1 (abc): Error starting userland proxy: listen tcp4 127.0.0.1:45999: bind: address already in use',
    'ERROR: for web  Cannot start service web: driver failed programming external connectivity on endpoint shop_web_1 (abc): Error starting userland proxy: listen tcp4 127.0.0.1:45999: bind: address already in use',
    'ERROR: Encountered errors while bringing up the project.',
  ];

  it('picks the error line, not the summary', () => {
    expect(failureMessage(v1PortTaken)).toMatch(/^Cannot start service web: .*address already in use$/);
    expect(failureMessage(['some', 'The Compose file is invalid because:', 'Unsupported config option'])).toBe(
      'some\nThe Compose file is invalid because:\nUnsupported config option',
    );
  });

  it('calls a taken port a conflict, with a hint', () => {
    const e = composeFailure('Up shop failed', v1PortTaken, 1);
    expect(e.code).toBe('conflict');
    expect(e.hint).toMatch(/port/);
    expect(
      composeFailure('Up', ['Error response from daemon: Bind for 0.0.0.0:80 failed: port is already allocated'], 1)
        .code,
    ).toBe('conflict');
  });

  it('says the engine went away, in v1 and v2+ words (recorded when the engine stopped mid-up)', () => {
    const v1 = [
      'Creating shop_db_1 ...',
      'Creating shop_db_1 ... done',
      "Couldn't connect to Docker daemon at http+docker://localhost - is it running?",
      "If it's at a non-standard location, specify the URL with the DOCKER_HOST environment variable.",
    ];
    const e = composeFailure('Up shop failed', v1, 1);
    expect(e.code).toBe('engine_unreachable');
    expect(e.message).toBe(
      "Up shop failed: Couldn't connect to Docker daemon at http+docker://localhost - is it running?",
    );
    expect(e.hint).toMatch(/Start the Docker engine/);
    expect(
      composeFailure(
        'Up',
        ['Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?'],
        1,
      ).code,
    ).toBe('engine_unreachable');
  });

  it("says Debian's docker-compose v1 needs paramiko for ssh://, not its traceback (recorded against an ssh:// engine)", () => {
    const tail = [
      'Traceback (most recent call last):',
      'File "/usr/lib/python3/dist-packages/docker/api/client.py", line 171, in __init__',
      'self._custom_adapter = SSHHTTPAdapter(',
      "NameError: name 'SSHHTTPAdapter' is not defined. Did you mean: 'SSLHTTPAdapter'?",
      'During handling of the above exception, another exception occurred:',
      'File "/usr/lib/python3/dist-packages/compose/cli/docker_client.py", line 170, in docker_client',
      'client = APIClient(use_ssh_client=not use_paramiko_ssh, **kwargs)',
      'File "/usr/lib/python3/dist-packages/docker/api/client.py", line 176, in __init__',
      'raise DockerException(',
      'docker.errors.DockerException: Install paramiko package to enable ssh:// support',
    ];
    const e = composeFailure('Up shop failed', tail, 1);
    expect(e.code).toBe('tool_missing');
    expect(e.message).toBe(
      'Up shop failed: docker-compose v1 cannot reach an ssh:// engine without the Python package paramiko.',
    );
    expect(e.hint).toMatch(/python3-paramiko.*docker compose/);
    expect(composeFailure('Up shop failed', tail.slice(0, 4), 1).code).toBe('failed');
  });

  it('says docker-compose v1 needs a client certificate for TLS, not to run docker-machine (docker-py with only a CA)', () => {
    // docker-compose 1.29's words, with DOCKER_CERT_PATH set to a folder holding ca.pem alone.
    const tail = [
      'ERROR: TLS configuration is invalid - make sure your DOCKER_TLS_VERIFY and DOCKER_CERT_PATH are set correctly.',
      'You might need to run `eval "$(docker-machine env default)"`',
    ];
    const e = composeFailure('Up shop failed', tail, 1);
    expect(e.code).toBe('failed');
    expect(e.message).toBe(
      "Up shop failed: docker-compose v1 needs a client certificate (cert.pem and key.pem) in the context's TLS files to reach a TLS engine.",
    );
    expect(e.hint).toMatch(/`docker compose`.*client certificate/);
    expect(e.hint).not.toMatch(/docker-machine/);
  });
});
