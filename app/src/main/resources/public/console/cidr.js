/*
 * Checks CIDR blocks as the admin types them, so a typo is pointed out before anything is sent.
 * This is a syntax check only (IPv4 or IPv6 address, prefix length required and in range, no
 * duplicates); Keyward is the final judge and also refuses blocks with host bits set.
 */
function isIpv4(text) {
  var parts = text.split('.');
  if (parts.length !== 4) {
    return false;
  }
  return parts.every(function (part) {
    // Leading zeros are refused: some parsers read "010" as octal 8.
    return /^(0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255;
  });
}

function isIpv6(text) {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || text.indexOf(':') < 0) {
    return false;
  }
  var hex = text;
  if (text.indexOf('.') >= 0) {
    // An embedded IPv4 tail (::ffff:192.0.2.1) stands for the last two groups.
    var lastColon = text.lastIndexOf(':');
    if (!isIpv4(text.slice(lastColon + 1))) {
      return false;
    }
    hex = text.slice(0, lastColon + 1) + '0:0';
  }
  var gap = hex.indexOf('::');
  if (gap !== hex.lastIndexOf('::')) {
    return false;
  }
  var groups;
  if (gap >= 0) {
    var left = hex.slice(0, gap);
    var right = hex.slice(gap + 2);
    groups = (left === '' ? [] : left.split(':')).concat(right === '' ? [] : right.split(':'));
    if (groups.length > 7) {
      return false;
    }
  } else {
    groups = hex.split(':');
    if (groups.length !== 8) {
      return false;
    }
  }
  return groups.every(function (group) {
    return /^[0-9A-Fa-f]{1,4}$/.test(group);
  });
}

/** @return null when the block looks right, else a sentence saying what is wrong with it */
function problemWith(block) {
  var slash = block.indexOf('/');
  if (slash < 0) {
    var example = block.indexOf(':') >= 0 ? '/128' : '/32';
    if (isIpv4(block) || isIpv6(block)) {
      return '"' + block + '" needs a prefix length, for example "' + block + example + '".';
    }
    return '"' + block + '" is not a CIDR block such as 10.0.0.0/8 or 2001:db8::/32.';
  }
  if (slash !== block.lastIndexOf('/')) {
    return '"' + block + '" has more than one "/".';
  }
  var address = block.slice(0, slash);
  var prefix = block.slice(slash + 1);
  var bits;
  if (isIpv4(address)) {
    bits = 32;
  } else if (isIpv6(address)) {
    bits = 128;
  } else {
    return '"' + block + '": "' + address + '" is not an IPv4 or IPv6 address.';
  }
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefix) || Number(prefix) > bits) {
    return '"' + block + '": the prefix length must be a number from 0 to ' + bits + '.';
  }
  return null;
}

/** Splits the text into blocks: one per line, commas and spaces also separate. */
function blocksIn(text) {
  return text.split(/[\s,]+/).filter(function (block) {
    return block !== '';
  });
}

/** @return {blocks: string[], problems: string[]} for the whole field */
export function check(text) {
  var blocks = blocksIn(text);
  var problems = [];
  var seen = Object.create(null);
  blocks.forEach(function (block) {
    var problem = problemWith(block);
    if (problem) {
      problems.push(problem);
    } else if (seen[block.toLowerCase()]) {
      problems.push('"' + block + '" is listed twice.');
    }
    seen[block.toLowerCase()] = true;
  });
  return { blocks: blocks, problems: problems };
}
