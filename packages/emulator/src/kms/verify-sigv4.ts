import { type AwsCredentials, signAwsRequest } from '@clickwa/core/encryption';

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** Why a request's signature is refused, as KMS names it: its `__type` and message. */
export interface SignatureRefusal {
  readonly type:
    | 'MissingAuthenticationTokenException'
    | 'UnrecognizedClientException'
    | 'InvalidSignatureException';
  readonly message: string;
}

/**
 * Checks a request's SigV4 signature the way AWS does: the access key must be known (and its session token
 * match), the scope must name `service` in `region`, and the signature recomputed over the signed headers and
 * the body must be the one sent. Returns undefined when it holds.
 */
export async function verifySigV4(
  request: Request,
  body: string,
  accepted: readonly AwsCredentials[],
  service: string,
  region: string,
): Promise<SignatureRefusal | undefined> {
  const match = AUTHORIZATION.exec(request.headers.get('authorization') ?? '');
  if (!match)
    return { type: 'MissingAuthenticationTokenException', message: 'Missing or malformed Authorization' };
  const [, accessKeyId, date, scopeRegion, scopeService, signedHeaders, signature] = match;
  const credentials = accepted.find((c) => c.accessKeyId === accessKeyId);
  if (!credentials) {
    return {
      type: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
  }
  if (credentials.sessionToken && request.headers.get('x-amz-security-token') !== credentials.sessionToken) {
    return {
      type: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
  }
  const datetime = request.headers.get('x-amz-date') ?? '';
  if (scopeRegion !== region || scopeService !== service || !datetime.startsWith(date!)) {
    return {
      type: 'InvalidSignatureException',
      message: `Credential should be scoped to ${region}/${service}`,
    };
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders!.split(';')) {
    if (name === 'host' || name === 'x-amz-date' || name === 'x-amz-security-token') continue;
    headers[name] = request.headers.get(name) ?? '';
  }
  const expected = await signAwsRequest({
    url: request.url,
    method: request.method,
    headers,
    body,
    credentials,
    service,
    region,
    datetime,
  });
  const recomputed = /Signature=([0-9a-f]{64})/.exec(expected.get('authorization') ?? '')?.[1];
  return recomputed === signature
    ? undefined
    : {
        type: 'InvalidSignatureException',
        message: 'The request signature we calculated does not match the signature you provided.',
      };
}
