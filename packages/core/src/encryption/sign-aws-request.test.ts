import { describe, expect, it } from 'vitest';
import { signAwsRequest } from './sign-aws-request.ts';

// AWS's published Signature Version 4 test suite: its credentials, scope and time.
const SUITE = {
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  service: 'service',
  region: 'us-east-1',
  datetime: '20150830T123600Z',
} as const;

describe('signAwsRequest against the AWS SigV4 test suite', () => {
  it('post-x-www-form-urlencoded (a signed body and content-type)', async () => {
    const headers = await signAwsRequest({
      ...SUITE,
      url: 'https://example.amazonaws.com/',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Param1=value1',
    });
    expect(headers.get('authorization')).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ' +
        'SignedHeaders=content-type;host;x-amz-date, ' +
        'Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
    );
    expect(headers.get('x-amz-date')).toBe('20150830T123600Z');
  });

  it('the scope is the region and service given, whatever the host', async () => {
    const headers = await signAwsRequest({
      ...SUITE,
      service: 'kms',
      region: 'eu-west-1',
      url: 'http://127.0.0.1:4010/_emulator/kms',
      method: 'POST',
      headers: { 'x-amz-target': 'TrentService.Decrypt' },
      body: '{}',
      credentials: { ...SUITE.credentials, sessionToken: 'token-1' },
    });
    expect(headers.get('authorization')).toContain(
      'Credential=AKIDEXAMPLE/20150830/eu-west-1/kms/aws4_request',
    );
    expect(headers.get('authorization')).toContain('x-amz-security-token');
    expect(headers.get('x-amz-security-token')).toBe('token-1');
  });
});
