/** Client keys of the usage limits (src/http/client-key.ts): which network a client is, and that no address is kept. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientAddress, clientKeys, clientNetwork } from '../../src/http/client-key.js';

test('an IPv4 address is its own network; IPv4-mapped IPv6 is the IPv4 address', () => {
  assert.equal(clientNetwork('192.0.2.7'), '192.0.2.7');
  assert.equal(clientNetwork('::ffff:192.0.2.7'), '192.0.2.7');
});

test('an IPv6 address counts as its /64, however it is written', () => {
  for (const address of ['2001:db8:0:1::5', '2001:0db8:0000:0001:ffff:0:0:1', '2001:db8:0:1:a:b:c:d', '2001:DB8:0:1::%eth0']) {
    assert.equal(clientNetwork(address), '2001:db8:0:1::/64', address);
  }
  assert.equal(clientNetwork('::1'), '0:0:0:0::/64');
  assert.notEqual(clientNetwork('2001:db8:0:2::5'), clientNetwork('2001:db8:0:1::5'));
});

test('X-Forwarded-For counts only behind a trusted proxy, and then its last entry (the one the proxy added)', () => {
  assert.equal(clientAddress('127.0.0.1', '10.0.0.1, 192.0.2.7', false), '127.0.0.1');
  assert.equal(clientAddress('127.0.0.1', '10.0.0.1, 192.0.2.7', true), '192.0.2.7');
  assert.equal(clientAddress('127.0.0.1', undefined, true), '127.0.0.1');
  assert.equal(clientAddress(undefined, undefined, false), 'unknown');
});

test('keys are opaque, stable within a process, one per network, and differ between processes', () => {
  const keys = clientKeys({ trustProxy: false });
  const key = keys('192.0.2.7', undefined);
  assert.match(key, /^[\w-]{22}$/);
  assert.ok(!key.includes('192'));
  assert.equal(keys('::ffff:192.0.2.7', undefined), key);
  assert.notEqual(keys('192.0.2.8', undefined), key);
  assert.equal(keys('2001:db8::1', undefined), keys('2001:db8::2', undefined));
  assert.notEqual(clientKeys({ trustProxy: false })('192.0.2.7', undefined), key);
});
