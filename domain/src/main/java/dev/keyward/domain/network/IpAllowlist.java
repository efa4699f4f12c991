package dev.keyward.domain.network;

import dev.keyward.domain.error.InvalidInputException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The CIDR blocks a token may be used from; empty means any address. */
public record IpAllowlist(List<CidrBlock> blocks) {

    public static final int MAX_BLOCKS = 100;

    public IpAllowlist {
        blocks = List.copyOf(blocks);
        if (blocks.size() > MAX_BLOCKS) {
            throw new IllegalArgumentException("at most " + MAX_BLOCKS + " CIDR blocks");
        }
        if (new HashSet<>(blocks).size() != blocks.size()) {
            throw new IllegalArgumentException("duplicate CIDR block");
        }
    }

    public static IpAllowlist anyAddress() {
        return new IpAllowlist(List.of());
    }

    /** Parses blocks as a client sent them under {@code field}; null means none given. */
    public static IpAllowlist parse(String field, Collection<String> texts) {
        if (texts == null) {
            return anyAddress();
        }
        if (texts.size() > MAX_BLOCKS) {
            throw new InvalidInputException(field, field + " may hold at most " + MAX_BLOCKS + " CIDR blocks, not " + texts.size());
        }
        List<CidrBlock> blocks = new ArrayList<>();
        Set<CidrBlock> seen = new HashSet<>();
        for (String text : texts) {
            CidrBlock block;
            try {
                block = CidrBlock.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(field, "invalid CIDR block in " + field + ": " + e.getMessage());
            }
            if (!seen.add(block)) {
                throw new InvalidInputException(field, "CIDR block '" + block + "' is listed twice in " + field);
            }
            blocks.add(block);
        }
        return new IpAllowlist(blocks);
    }

    public boolean permits(IpAddress address) {
        // An unknown address (null) passes only an unrestricted token: fail closed, never a crash.
        return blocks.isEmpty() || (address != null && blocks.stream().anyMatch(block -> block.contains(address)));
    }

    /** Whether every address {@code other} permits is permitted here too. */
    public boolean covers(IpAllowlist other) {
        if (blocks.isEmpty()) {
            return true;
        }
        return !other.blocks.isEmpty()
                && other.blocks.stream().allMatch(block -> blocks.stream().anyMatch(mine -> mine.contains(block)));
    }

    public boolean isAnyAddress() {
        return blocks.isEmpty();
    }

    public List<String> texts() {
        return blocks.stream().map(CidrBlock::toString).toList();
    }
}
